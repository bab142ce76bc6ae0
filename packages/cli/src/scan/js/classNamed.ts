// Class-name lookup (local, imported, type-only or namespace-read classes): a cached module-wide concern, separate from receiver/field tracing.
import { type Node, propertyName, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import type { MemberClass } from './memberClass.js';

/** Type-only imports (`import type { X }`, `import { type X }`) are not bindings: read the declarations. */
function typeImport(ctx: ModuleContext, name: string): { source: string; name: string } | undefined {
  for (const stmt of ctx.program.body as Node[]) {
    if (stmt.type !== 'ImportDeclaration') continue;
    for (const s of stmt.specifiers as Node[])
      if (s.type === 'ImportSpecifier' && s.local?.name === name)
        return { source: stmt.source.value as string, name: propertyName(s.imported) ?? name };
  }
  return undefined;
}

/** What a class name stands for at `at`: a class of this module, or an import. */
export function classNamed(ctx: ModuleContext, name: string, at: Node): MemberClass | undefined {
  const binding = ctx.resolve(name, at);
  if (binding?.kind === 'class') return { kind: 'local', cls: binding.declaration };
  const imp = ctx.importOf(name, at);
  if (imp !== undefined)
    return imp.imported === '*' ? undefined : { kind: 'import', source: imp.source, name: imp.imported };
  if (binding !== undefined) return undefined;
  return unboundClass(ctx, name);
}

const unbound = new WeakMap<ModuleContext, Map<string, MemberClass | undefined>>();

/**
 * A class name no binding in scope declares: a type-only import or one read through a namespace import.
 * Once per module and name: both read the whole module (its imports, and its text once per namespace
 * import), and a CDK stack asks for the same few names at every member call.
 */
function unboundClass(ctx: ModuleContext, name: string): MemberClass | undefined {
  let byName = unbound.get(ctx);
  if (byName === undefined) {
    byName = new Map();
    unbound.set(ctx, byName);
  }
  if (byName.has(name)) return byName.get(name);
  const typed = typeImport(ctx, name);
  const found: MemberClass | undefined =
    typed === undefined ? namespaced(ctx, name) : { kind: 'import', ...typed };
  byName.set(name, found);
  return found;
}

/**
 * `new AWS.SecretsManager()` of `import AWS from 'aws-sdk'` (or `const AWS = require('aws-sdk')`, a
 * namespace import): aws-sdk v2's documented way of making a service client, read as that class.
 */
export function namespaceMade(ctx: ModuleContext, value: Node | undefined): MemberClass | undefined {
  const v = unwrap(value);
  const callee = v?.type === 'NewExpression' ? unwrap(v.callee) : undefined;
  const ns = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
  const name =
    callee?.type === 'MemberExpression'
      ? propertyName(callee.property, callee.computed as boolean)
      : undefined;
  if (ns?.type !== 'Identifier' || name === undefined) return undefined;
  const imp = ctx.importOf(ns.name as string, ns);
  if (imp === undefined || (imp.imported !== 'default' && imp.imported !== '*')) return undefined;
  return /^aws-sdk$|^@aws-sdk\/client-/.test(imp.source)
    ? { kind: 'import', source: imp.source, name }
    : undefined;
}

/** `kms: AWS.KMS` of `import * as AWS from '@aws-sdk/client-kms'`: the class read through a namespace import. */
function namespaced(ctx: ModuleContext, name: string): MemberClass | undefined {
  for (const [local, imp] of ctx.imports)
    if (imp.imported === '*' && ctx.spells(`${local}.${name}`))
      return { kind: 'import', source: imp.source, name };
  return undefined;
}
