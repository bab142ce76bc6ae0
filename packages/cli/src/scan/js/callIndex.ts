// A module's calls, indexed once per module for rules that ask "who calls this?" per node they judge: per
// catch, per construct argument, per interpolated name. Walking every call for each question made large
// modules quadratic, and each rule kept its own copy of the same index; they share these two. (localCalls.ts
// answers a narrower question, a function's own calls less its recursion, by walking; it is asked rarely.)
import { memberPath, type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Calls by the function of the module their callee stands for (ModuleContext.functionOf). */
const byFunction = new WeakMap<ModuleContext, Map<Node, Node[]>>();

/** Calls by their callee's written path: `send` for `send()`, `this.addRoute` for `this.addRoute()`. */
const byPath = new WeakMap<ModuleContext, Map<string, Node[]>>();

/** Adds `call` under `key`, keeping module order. */
function add<K>(index: Map<K, Node[]>, key: K, call: Node): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [call]);
  else list.push(call);
}

/**
 * The module's calls whose callee stands for `fn`, a function of this module (`send()` for
 * `const send = () => ...`, through a const alias too), in module order.
 * @example
 * callsReaching(ctx, sendFn) // [`send(a)`, `send(b)`]
 */
export function callsReaching(ctx: ModuleContext, fn: Node): readonly Node[] {
  let index = byFunction.get(ctx);
  if (index === undefined) {
    index = new Map();
    for (const call of ctx.of('CallExpression')) {
      const target = ctx.functionOf(call.callee);
      if (target !== undefined) add(index, target, call);
    }
    byFunction.set(ctx, index);
  }
  return index.get(fn) ?? [];
}

/**
 * The module's calls whose callee is written as `path` (memberPath joined by dots), in module order.
 * @example
 * callsByPath(ctx, 'this.addRoute') // every `this.addRoute(...)` of the module
 */
export function callsByPath(ctx: ModuleContext, path: string): readonly Node[] {
  let index = byPath.get(ctx);
  if (index === undefined) {
    index = new Map();
    for (const call of ctx.of('CallExpression')) {
      const written = memberPath(unwrap(call.callee as Node));
      if (written !== undefined) add(index, written.join('.'), call);
    }
    byPath.set(ctx, index);
  }
  return index.get(path) ?? [];
}
