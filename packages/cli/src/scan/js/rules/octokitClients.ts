// Which Octokit client a request goes through, for http-no-timeout (rules/apiClients.ts reports it).
// Octokit (`@octokit/rest`, `@octokit/core`, `octokit`) sends through fetch with no timeout unless its options
// carry `request: { timeout }` or `request: { signal }` (@octokit/core README, "Options": `options.request`
// is handed to @octokit/request, whose `request.timeout` and `request.signal` default to none). A class made
// with `Octokit.plugin(retry, throttling)` is Octokit with plugins: retry and throttling re-send on errors and
// rate limits, neither bounds a hung request. A client is most often built by a project's factory and handed
// to the functions that call GitHub as a parameter typed `Octokit`: its bound is decided where it is built, so
// such a parameter is judged by the module that builds its Octokit clients itself, all of them without a
// timeout; in a module that builds none (the client comes from a factory module: `createOctokitClient(token)`
// in github/auth.ts, handed to scale-up code), by every Octokit the project builds: kept only when the
// project builds some and none may be bounded (ModuleFacts.clientBuilds, checked in keepCandidate.ts). A
// client held in a local is followed to the construction it ends in through the functions that hand it out,
// memoising getters and factories of other modules included (js/clientProvenance.ts, ExportFact.octokitReturn).
// `App` from `octokit` / `@octokit/app` is no Octokit client: `app.webhooks.verifyAndReceive(...)` checks a
// signature and runs handlers, it sends nothing. The installation clients it hands out (`event.octokit` in an
// `app.webhooks.on(name, handler)` handler, `await app.getInstallationOctokit(id)`) are instances of the
// App's `Octokit` option (@octokit/app README, "Options": `Octokit`, default the plain Octokit), so they are
// bounded only when that option is given (`Octokit: Octokit.defaults({ request: { timeout } })`).
import { calleeName, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import {
  type ClientEnd,
  clientProvenance,
  type JudgeBuild,
  returnedProvenance,
} from '../clientProvenance.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mergedProps } from '../mergedOptions.js';

const OCTOKIT_SOURCES = new Set(['@octokit/rest', '@octokit/core', 'octokit']);
const APP_SOURCES = new Set(['octokit', '@octokit/app']);
/** Members of an Octokit client that send nothing. */
const OCTOKIT_LOCAL = new Set(['hook', 'log', 'auth', 'plugin', 'defaults']);

/** `Octokit` imported from an Octokit package, or `Octokit.plugin(...)` of it (a few hops through consts). */
function isOctokitClass(ctx: ModuleContext, node: Node | undefined, depth = 0): boolean {
  const v = ctx.valueOf(node);
  if (v === undefined || depth > 3) return false;
  if (v.type === 'Identifier') {
    const imp = ctx.importOf(v.name as string, v);
    return imp !== undefined && OCTOKIT_SOURCES.has(imp.source) && imp.imported === 'Octokit';
  }
  if (v.type === 'CallExpression' && calleeName(v) === 'plugin') {
    const callee = unwrap(v.callee);
    return callee?.type === 'MemberExpression' && isOctokitClass(ctx, callee.object as Node, depth + 1);
  }
  return false;
}

/** Whether `new Octokit(options)` may be bounded: options carry `request`/`timeout`, or cannot be read. */
function constructionTimed(ctx: ModuleContext, built: Node): boolean {
  const options = (built.arguments as Node[])[0];
  if (options === undefined) return false;
  const merged = mergedProps(ctx, options);
  if (merged !== undefined) return merged.has('request') || merged.has('timeout');
  const props = objectProps(ctx.valueOf(options));
  return props === undefined || props.spread || props.props.has('request') || props.props.has('timeout');
}

/** Is the parameter declared with the type `Octokit` from an Octokit package? */
function typedOctokit(ctx: ModuleContext, param: Node): boolean {
  const p = param.type === 'AssignmentPattern' ? param.left : param;
  const t = (p?.typeAnnotation as Node | undefined)?.typeAnnotation;
  if (t?.type !== 'TSTypeReference' || t.typeName?.type !== 'Identifier') return false;
  const imp = ctx.importOf(t.typeName.name as string, t.typeName as Node);
  if (imp !== undefined) return OCTOKIT_SOURCES.has(imp.source) && imp.imported === 'Octokit';
  return typeImported(ctx, t.typeName.name as string);
}

/**
 * `import type { Octokit } from '@octokit/rest'` (or `import { type Octokit }`): the module index keeps value
 * bindings only, and a module handed its client, building none, most often imports the type alone.
 */
function typeImported(ctx: ModuleContext, local: string): boolean {
  for (const decl of ctx.program.body as Node[]) {
    if (decl.type !== 'ImportDeclaration' || !OCTOKIT_SOURCES.has(decl.source.value as string)) continue;
    for (const s of decl.specifiers as Node[])
      if (s.type === 'ImportSpecifier' && s.local.name === local && propertyName(s.imported) === 'Octokit')
        return true;
  }
  return false;
}

/** `new App(options)` from octokit/@octokit/app behind the node; whether its `Octokit` option may bound it. */
function appTimed(ctx: ModuleContext, node: Node | undefined): boolean | undefined {
  let app = unwrap(node);
  if (app?.type === 'Identifier') app = unwrap(ctx.valueOf(app));
  if (app?.type !== 'NewExpression') return undefined;
  const callee = unwrap(app.callee as Node);
  if (callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  if (imp === undefined || !APP_SOURCES.has(imp.source) || imp.imported !== 'App') return undefined;
  const options = (app.arguments as Node[])[0];
  if (options === undefined) return false;
  const merged = mergedProps(ctx, options);
  if (merged !== undefined) return merged.has('Octokit');
  const props = objectProps(ctx.valueOf(options));
  return props === undefined || props.spread || props.props.has('Octokit');
}

/** `event` of `app.webhooks.on(name, (event) => ...)`: the App behind the handler, if it is one. */
function webhookEventApp(ctx: ModuleContext, param: Node): boolean | undefined {
  const fn = ctx.parentOf(param);
  const call = fn !== undefined ? ctx.parentOf(fn) : undefined;
  if (call?.type !== 'CallExpression' || !(call.arguments as Node[]).includes(fn as Node)) return undefined;
  const on = unwrap(call.callee as Node);
  if (on?.type !== 'MemberExpression' || !['on', 'onAny'].includes(calleeName(call) ?? '')) return undefined;
  const hooks = unwrap(on.object as Node);
  if (
    hooks?.type !== 'MemberExpression' ||
    propertyName(hooks.property as Node, hooks.computed as boolean) !== 'webhooks'
  )
    return undefined;
  return appTimed(ctx, hooks.object as Node);
}

/** `await app.getInstallationOctokit(id)`: whether the App's options may bound it. */
function installationClient(ctx: ModuleContext, value: Node | undefined): boolean | undefined {
  let v = unwrap(value);
  if (v?.type === 'AwaitExpression') v = unwrap(v.argument as Node);
  if (v?.type !== 'CallExpression' || calleeName(v) !== 'getInstallationOctokit') return undefined;
  const callee = unwrap(v.callee as Node);
  return callee?.type === 'MemberExpression' ? appTimed(ctx, callee.object as Node) : undefined;
}

const moduleVerdicts = new WeakMap<ModuleContext, boolean | undefined>();

/**
 * true when the module builds Octokit clients (`new Octokit`, or an `App` that hands out installation
 * clients) and none may be bounded; undefined when it builds none.
 */
function moduleBuildsUntimed(ctx: ModuleContext): boolean | undefined {
  if (moduleVerdicts.has(ctx)) return moduleVerdicts.get(ctx);
  let verdict: boolean | undefined;
  for (const built of ctx.of('NewExpression')) {
    const timed = isOctokitClass(ctx, built.callee as Node)
      ? constructionTimed(ctx, built)
      : appTimed(ctx, built);
    if (timed === undefined) continue;
    if (timed) {
      verdict = false;
      break;
    }
    verdict = true;
  }
  moduleVerdicts.set(ctx, verdict);
  return verdict;
}

/**
 * What the Octokit clients this module builds say of a client handed in from here: 'untimed' when every one
 * lacks a request timeout, 'timed' when one may carry it; undefined when it builds none (a text test first).
 * @example
 * octokitBuilds(ctx) // 'untimed' for github/auth.ts building `new (Octokit.plugin(retry))({ auth })`
 */
export function octokitBuilds(ctx: ModuleContext): 'timed' | 'untimed' | undefined {
  if (!ctx.spells('Octokit') && !ctx.spells('App')) return undefined;
  const untimed = moduleBuildsUntimed(ctx);
  return untimed === undefined ? undefined : untimed ? 'untimed' : 'timed';
}

/** Can a module's text build an Octokit client (the project pass analyses deferred modules that can)? */
export function mayBuildOctokit(text: string): boolean {
  return text.includes('octokit') && text.includes('new ');
}

/**
 * The Octokit client behind the base of `octokit.rest.repos.get` / `octokit.paginate.iterator`, and whether
 * it may be bounded; undefined when the base is no Octokit client the module can judge.
 * @example
 * octokitClient(ctx, callee) // `client.actions.getJob` with `const client = new Octokit({ auth })` -> { timed: false }
 */
export function octokitClient(
  ctx: ModuleContext,
  callee: Node,
): { timed: boolean; builtElsewhere?: true; via?: readonly ImportRef[] } | undefined {
  const path: Node[] = [];
  let base = unwrap(callee);
  while (base?.type === 'MemberExpression') {
    path.unshift(base);
    base = unwrap(base.object);
  }
  const first = path[0];
  const member =
    first !== undefined ? propertyName(first.property as Node, first.computed as boolean) : undefined;
  if (base?.type !== 'Identifier' || member === undefined || OCTOKIT_LOCAL.has(member)) return undefined;
  const binding = ctx.resolve(base.name as string, base);
  if (binding?.kind === 'param' && member === 'octokit') {
    // `event.octokit.rest.repos.get(...)` in a webhook handler: the installation client.
    const second = path[1];
    const sends =
      second !== undefined &&
      !OCTOKIT_LOCAL.has(propertyName(second.property as Node, second.computed as boolean) ?? 'hook');
    const timed = sends ? webhookEventApp(ctx, binding.declaration) : undefined;
    if (timed !== undefined) return { timed };
  }
  if (binding?.kind === 'param') {
    if (!typedOctokit(ctx, binding.declaration)) return undefined;
    const untimed = moduleBuildsUntimed(ctx);
    return untimed === undefined ? { timed: false, builtElsewhere: true } : { timed: !untimed };
  }
  const built = unwrap(ctx.valueOf(base));
  const installation = installationClient(ctx, built);
  if (installation !== undefined) return { timed: installation };
  if (built?.type === 'NewExpression' && isOctokitClass(ctx, built.callee as Node))
    return { timed: constructionTimed(ctx, built) };
  // Built by a factory, kept by a memoising getter, maybe in another module (js/clientProvenance.ts).
  const made = clientProvenance(ctx, base, judgeOctokit(ctx));
  if (made === undefined) return undefined;
  return 'timed' in made ? { timed: made.timed } : { timed: false, via: made.via };
}

/** A construction's verdict for js/clientProvenance.ts: an Octokit's bound, undefined for anything else. */
function judgeOctokit(ctx: ModuleContext): JudgeBuild {
  return (built) => (isOctokitClass(ctx, built.callee as Node) ? constructionTimed(ctx, built) : undefined);
}

/**
 * What an exported function hands out of Octokit clients (ExportFact.octokitReturn, for importers that hold
 * its answer): an untimed or timed construction, or another project import's answer; undefined otherwise.
 * @example
 * octokitReturn(ctx, createOctoClient) // { timed: false } for `return new Octokit(ocktokitOptions)` with only `auth`
 */
export function octokitReturn(ctx: ModuleContext, fn: Node): ClientEnd | undefined {
  if (!ctx.spells('ctokit')) return undefined;
  return returnedProvenance(ctx, fn, judgeOctokit(ctx));
}
