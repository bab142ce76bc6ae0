// Where the receiver of a Redis-style command comes from, for the cache-miss catch (rules/cacheMissCatch.ts):
// a client this module builds from a cache package (`new Redis()`, redis v4 `createClient()`, kept in a
// const, a module-level `let` assigned later, or a class field `this.redis = new Redis()`), or one a project
// module hands out (`const client = await redisClient.getClient()`), which the project pass settles from
// that module's facts (cacheOnlyModule.ts). Anything else is no cache client: its catch stays judged.
import { forEachDescendant, type Node, propertyName, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import { CACHE_PACKAGES } from './cachePackages.js';
import { enclosingClass } from './httpInstances.js';
import { isProjectSource, type ModuleContext } from './ModuleContext.js';

/** Where a cache client comes from: built in this module, or handed out by a project module. */
export type ClientOrigin = { readonly kind: 'local' } | { readonly kind: 'import'; readonly ref: ImportRef };

const LOCAL: ClientOrigin = { kind: 'local' };

/** `await x` -> `x`, then parentheses and casts. */
export function bare(node: Node | undefined): Node | undefined {
  let n = unwrap(node);
  while (n?.type === 'AwaitExpression') n = unwrap(n.argument as Node);
  return n;
}

/** The values a class gives `this.<field>` (its property initialiser and every `this.field = ...`). */
function fieldValues(ctx: ModuleContext, member: Node): Node[] {
  const field = propertyName(member.property as Node, member.computed === true);
  const cls = field === undefined ? undefined : enclosingClass(ctx, member);
  if (cls === undefined) return [];
  const values: Node[] = [];
  for (const el of (cls.body as Node).body as Node[])
    if (
      el.type === 'PropertyDefinition' &&
      propertyName(el.key as Node, el.computed === true) === field &&
      el.value
    )
      values.push(el.value as Node);
  forEachDescendant(cls.body as Node, (n) => {
    if (n.type !== 'AssignmentExpression' || n.operator !== '=') return true;
    const left = unwrap(n.left as Node);
    if (
      left?.type === 'MemberExpression' &&
      unwrap(left.object as Node)?.type === 'ThisExpression' &&
      propertyName(left.property as Node, left.computed === true) === field
    )
      values.push(n.right as Node);
    return true;
  });
  return values;
}

/** The values a module-level `let client;` is assigned (`client = createClient(...)` in a getter). */
function assignedValues(ctx: ModuleContext, name: string): Node[] {
  const values: Node[] = [];
  forEachDescendant(ctx.program, (n) => {
    if (n.type !== 'AssignmentExpression') return true;
    const left = unwrap(n.left as Node);
    if (left?.type === 'Identifier' && left.name === name) values.push(n.right as Node);
    return true;
  });
  return values;
}

/** Every value is a client built here: a field or `let` also assigned anything else is not one. */
function allLocal(ctx: ModuleContext, values: readonly Node[], depth: number): ClientOrigin | undefined {
  if (values.length === 0) return undefined;
  return values.every((v) => clientOrigin(ctx, v, depth + 1)?.kind === 'local') ? LOCAL : undefined;
}

/**
 * The origin of the client `node` stands for, following locals, fields, argument-less method calls
 * (`getClient()`, `pipeline()`, `multi()`: what a client's method answers is that client's) and imports.
 * @example
 * clientOrigin(ctx, receiverOf("this.redis.get(key)")) // { kind: 'local' } when the class did `this.redis = new Redis()`
 */
export function clientOrigin(
  ctx: ModuleContext,
  node: Node | undefined,
  depth = 0,
): ClientOrigin | undefined {
  const n = bare(node);
  if (n === undefined || depth > 6) return undefined;
  if (n.type === 'Identifier') {
    const imp = ctx.importOf(n.name as string, n);
    if (imp !== undefined) {
      if (CACHE_PACKAGES.has(imp.source)) return LOCAL;
      return isProjectSource(imp.source)
        ? { kind: 'import', ref: { from: ctx.file, source: imp.source, name: imp.imported } }
        : undefined;
    }
    const v = ctx.valueOf(n);
    if (v !== n) return clientOrigin(ctx, v, depth + 1);
    return ctx.isGlobal(n.name as string, n)
      ? undefined
      : allLocal(ctx, assignedValues(ctx, n.name as string), depth);
  }
  if (n.type === 'NewExpression' || n.type === 'CallExpression') {
    const callee = unwrap(n.callee as Node);
    const root = ctx.importRoot(callee);
    if (root !== undefined && CACHE_PACKAGES.has(root.source)) return LOCAL;
    if (callee?.type !== 'MemberExpression' || (n.arguments as Node[]).length > 0) return undefined;
    return clientOrigin(ctx, callee.object as Node, depth + 1);
  }
  if (n.type === 'MemberExpression' && unwrap(n.object as Node)?.type === 'ThisExpression')
    return allLocal(ctx, fieldValues(ctx, n), depth);
  if (n.type === 'MemberExpression' && !n.computed) return clientOrigin(ctx, n.object as Node, depth + 1);
  return undefined;
}
