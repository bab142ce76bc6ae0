// A CommonJS module calling its own exports through the exports object: `module.exports.f()`,
// `exports.f()`, a self-alias (`const utils = module.exports; ... utils.f()`) or `this.f()` in a
// top-level arrow (where `this` is `module.exports`). A module that defines its helpers as
// `module.exports.f = ...` and calls them this way, not by a bare name, lost the path from the export an
// importer calls (a fetch-the-payload helper) to the one holding the defect (the helper making the SDK
// call it delegates to): the local call edges of handlerImports.ts take Identifier callees only. Each such
// call is an edge to the function the module exports under that name, bound by the exports object, not by
// the name alone. Not covered: `this.b()` inside a method of an exported object literal
// (`module.exports = { async a() { return this.b() } }`), where `this` is module.exports only when the
// caller calls `utils.a()`; such a call is no edge. The object a module assigns to `module.exports` by name
// (`module.exports = exportable`) is the exports object too.
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
 * selfCalls(ctx) // [{ target: <readObject's arrow>, call: <utils.readObject(bucket, key)> }]
 */
export function selfCalls(ctx: ModuleContext): SelfCall[] {
  if (!ctx.source.includes('exports')) return [];
  const out: SelfCall[] = [];
  for (const call of ctx.of('CallExpression')) {
    const target = selfCallTarget(ctx, call.callee as Node, call);
    if (target !== undefined) out.push({ target, call });
  }
  return out;
}

/**
 * The module's own exported function a member reference names through the exports object
 * (`exportable.processRecords`), if any; ModuleContext.functionOf answers it for such a callee.
 */
export function selfCallTarget(ctx: ModuleContext, node: Node | undefined, at: Node): Node | undefined {
  const callee = unwrap(node);
  if (callee?.type !== 'MemberExpression') return undefined;
  const name = propertyName(callee.property as Node, callee.computed as boolean);
  if (name === undefined || !ctx.exports.has(name) || !throughExports(ctx, callee.object as Node, at))
    return undefined;
  // valueOf, not functionOf: an export that is itself a member reference is not followed round again.
  const value = ctx.valueOf(ctx.exports.get(name));
  return isFunction(value) ? value : undefined;
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
  // `const exportable = { handler, processRecords }; module.exports = exportable` (js/exportDiscovery.ts):
  // callback-era code calls its own functions through the object it exports, so its tests can stub them.
  if (value?.type === 'ObjectExpression') return ctx.exports.get('default') === value;
  return value !== o && value !== undefined && isExportsObject(ctx, value, value);
}

/**
 * `this` at `call` is the module's exports object: every function around it is an arrow (which keeps the
 * module scope's `this`) and no class body holds it, in a CommonJS module (one that assigns to its exports). In an ES module
 * top-level `this` is undefined, so the module must write `exports` somewhere outside a string.
 */
function topLevelThis(ctx: ModuleContext, call: Node): boolean {
  // A class body (a field's initialiser, a static block) binds `this` to the instance or the class.
  for (let n = ctx.parentOf(call); n !== undefined; n = ctx.parentOf(n))
    if ((isFunction(n) && n.type !== 'ArrowFunctionExpression') || n.type === 'ClassBody') return false;
  return /(?:^|[^\w$.])(?:module\.)?exports\.\w+\s*=(?!=)/m.test(ctx.source);
}
