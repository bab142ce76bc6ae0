// A googleapis API client handed down as a parameter typed with its class (`{ gmail }: { gmail:
// gmail_v1.Gmail }`, `(drive: drive_v3.Drive)`): the project builds its API clients in one factory
// (`authGmailClient` returning `google.gmail({ version, auth })`) and passes them to helpers in other
// modules. Like a parameter typed `Octokit` (octokitClients.ts), its bound is decided by the API clients the
// project builds (projectClients.ts, in the caller's package first): untimed only when some are built and none
// may carry a timeout.
import { memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { clientOf } from './googleClients.js';

/** The annotation of the parameter, or of the destructured property, that binds `name`. */
function annotationOf(param: Node | undefined, name: string): Node | undefined {
  let p = unwrap(param);
  if (p?.type === 'TSParameterProperty') p = unwrap(p.parameter as Node);
  if (p?.type === 'AssignmentPattern') p = unwrap(p.left as Node);
  const own = (p?.typeAnnotation as Node | undefined)?.typeAnnotation as Node | undefined;
  if (p?.type === 'Identifier') return p.name === name ? own : undefined;
  if (p?.type !== 'ObjectPattern' || own?.type !== 'TSTypeLiteral') return undefined;
  for (const prop of p.properties as Node[]) {
    if (prop.type !== 'Property') continue;
    let value = unwrap(prop.value as Node);
    if (value?.type === 'AssignmentPattern') value = unwrap(value.left as Node);
    if (value?.type !== 'Identifier' || value.name !== name) continue;
    const key = propertyName(prop.key as Node, prop.computed as boolean);
    const member = (own.members as Node[]).find(
      (m) => m.type === 'TSPropertySignature' && propertyName(m.key as Node, m.computed as boolean) === key,
    );
    return (member?.typeAnnotation as Node | undefined)?.typeAnnotation as Node | undefined;
  }
  return undefined;
}

/**
 * Is `base` a parameter typed with a googleapis API class: `gmail_v1.Gmail`, `drive_v3.Drive` of a (type)
 * import of `googleapis` or a standalone `@googleapis/<api>` package?
 *
 * @example
 * apiTypedParam(ctx, base) // `gmail` of `function list({ gmail }: { gmail: gmail_v1.Gmail })` -> true
 */
export function apiTypedParam(ctx: ModuleContext, base: Node): boolean {
  const b = unwrap(base);
  if (b?.type !== 'Identifier') return false;
  const binding = ctx.resolve(b.name as string, b);
  if (binding?.kind !== 'param') return false;
  const type = annotationOf(binding.declaration, b.name as string);
  const name = type?.type === 'TSTypeReference' ? (type.typeName as Node) : undefined;
  if (name?.type !== 'TSQualifiedName' || unwrap(name.left as Node)?.type !== 'Identifier') return false;
  const ns = name.left as Node;
  if (!/_v\d/.test(ns.name as string)) return false;
  const source = importSource(ctx, ns.name as string);
  return source !== undefined && (source === 'googleapis' || source.startsWith('@googleapis/'));
}

/**
 * The package a top-level import of `name` comes from, a type-only import included (`import type { gmail_v1 }
 * from 'googleapis'`, which the module's bindings leave out: it binds no value).
 */
function importSource(ctx: ModuleContext, name: string): string | undefined {
  for (const statement of ctx.program.body as Node[]) {
    if (statement.type !== 'ImportDeclaration') continue;
    if ((statement.specifiers as Node[]).some((s) => s.local?.name === name))
      return statement.source.value as string;
  }
  return undefined;
}

/** Can a module's text build a googleapis API client (the project pass analyses deferred modules that can)? */
export function mayBuildGoogleApi(text: string): boolean {
  return text.includes('googleapis');
}

/**
 * What the googleapis API clients this module builds say of one handed in from here: 'untimed' when every
 * one lacks a timeout, 'timed' when one may carry it (its options, or `google.options({ timeout })`
 * here); undefined when it builds none.
 *
 * @example
 * googleApiBuilds(ctx) // 'untimed' for gmail.auth.ts returning `google.gmail({ version: 'v1', auth })`
 */
export function googleApiBuilds(
  ctx: ModuleContext,
  globalTimeout: () => boolean,
): 'timed' | 'untimed' | undefined {
  if (!ctx.spells('googleapis')) return undefined;
  let verdict: 'timed' | 'untimed' | undefined;
  for (const call of ctx.of('CallExpression')) {
    // Only the factory calls themselves (`google.gmail(...)`, `gmail(...)` of `@googleapis/gmail`), not the
    // requests made on a client: those are no builds.
    if ((memberPath(unwrap(call.callee as Node))?.length ?? 0) > 2) continue;
    const client = clientOf(ctx, call, 1, 2);
    if (client?.kind !== 'api') continue;
    if (client.timed) return 'timed';
    verdict = 'untimed';
  }
  return verdict === 'untimed' && globalTimeout() ? 'timed' : verdict;
}
