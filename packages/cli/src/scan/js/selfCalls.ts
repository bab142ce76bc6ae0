// A CommonJS module calling its own exports through the exports object: `module.exports.f()`,
// `exports.f()`, a self-alias (`const utils = module.exports; ... utils.f()`) or `this.f()` in a
// top-level arrow (where `this` is `module.exports`). Such a module defines every helper as
// `module.exports.f = ...` and never calls one by a bare name, so the local call edges of
// handlerImports.ts (Identifier callees only) lost the path from the export an importer calls
// (`fetchPayloadFromS3`) to the one holding the defect (`_fetchS3Object`). Each such call is an edge to
// the function the module exports under that name, bound by the exports object, not by the name alone.
import { isFunction, memberPath, type Node, propertyName, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** A call of one of the module's own exported functions, through its exports object. */
export interface SelfCall {
  readonly target: Node;
  readonly call: Node;
}

/**
 * The module's calls of its own exported functions through the exports object, in source order.
 * Empty for a module whose text never names `exports` (ES modules, most TypeScript): no walk there.
 *
 * @example
 * selfCalls(ctx) // [{ target: <_fetchS3Object's arrow>, call: <utils._fetchS3Object(bucket, key)> }]
 */
export function selfCalls(ctx: ModuleContext): SelfCall[] {
  if (!ctx.source.includes('exports')) return [];
  const out: SelfCall[] = [];
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression') continue;
    const name = propertyName(callee.property as Node, callee.computed as boolean);
    if (name === undefined || !throughExports(ctx, callee.object as Node, call)) continue;
    const value = ctx.exports.get(name);
    const target = isFunction(value) ? value : ctx.functionOf(value);
    if (target !== undefined) out.push({ target, call });
  }
  return out;
}

/** `module.exports`, or `exports` not declared by the module: the exports object itself. */
function isExportsObject(ctx: ModuleContext, node: Node | undefined, at: Node): boolean {
  const path = memberPath(node)?.join('.');
  if (path === 'module.exports') return ctx.isGlobal('module', at);
  return path === 'exports' && ctx.isGlobal('exports', at);
}

/** Is `object` (the callee's receiver) the module's exports object, directly or by a const alias? */
function throughExports(ctx: ModuleContext, object: Node, call: Node): boolean {
  const o = unwrap(object);
  if (o === undefined) return false;
  if (o.type === 'ThisExpression') return topLevelThis(ctx, call);
  if (isExportsObject(ctx, o, call)) return true;
  // `const utils = module.exports`: valueOf follows the const to its initialiser.
  if (o.type !== 'Identifier') return false;
  const value = ctx.valueOf(o);
  return value !== o && value !== undefined && isExportsObject(ctx, value, value);
}

/**
 * `this` at `call` is the module's exports object: every function around it is an arrow (which keeps the
 * module scope's `this`), in a CommonJS module (one that assigns to its exports). In an ES module
 * top-level `this` is undefined, so the module must write `exports` somewhere outside a string.
 */
function topLevelThis(ctx: ModuleContext, call: Node): boolean {
  for (let fn = ctx.enclosingFunction(call); fn !== undefined; fn = ctx.enclosingFunction(fn))
    if (fn.type !== 'ArrowFunctionExpression') return false;
  return /(?:^|[^\w$.])(?:module\.)?exports\.\w+\s*=(?!=)/m.test(ctx.source);
}
