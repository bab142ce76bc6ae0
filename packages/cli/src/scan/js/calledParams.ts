// Which parameters of an exported function are functions it runs: `handlerFunc(...)` in a shared runner
// (`handleSqsEvent(handlerFunc, event, queue)`), `func(model)` inside a transaction's callback
// (`static transaction(func, model)`), or a parameter handed on to a function of the module that runs it
// (`handleMessage(handlerFunc, body)`). A caller in another module that hands such a parameter a project
// function puts that function on its own path (handedWork.ts, the project pass in handedReach.ts).
import { isFunction, type Node, propertyName, unwrap } from './ast.js';
import { classOf } from './handlerImports.js';
import type { ModuleContext } from './ModuleContext.js';
import { instanceClass } from './memberClass.js';

/** The parameter a plain identifier names: its function and position. */
function paramOf(ctx: ModuleContext, id: Node | undefined): { fn: Node; index: number } | undefined {
  if (id?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(id.name as string, id);
  if (binding?.kind !== 'param') return undefined;
  const params = (binding.scope.params as Node[] | undefined) ?? [];
  // `handlerFunc: (p: any) => any` and `func = noop` are the parameter too.
  const index = params.findIndex((p) => p === binding.declaration || p.left === binding.declaration);
  return index === -1 ? undefined : { fn: binding.scope, index };
}

/** `fn(...)`, `fn.call(...)`, `fn.apply(...)`: the identifier run. */
function runIdentifier(callee: Node | undefined): Node | undefined {
  if (callee?.type === 'Identifier') return callee;
  if (callee?.type !== 'MemberExpression' || callee.computed) return undefined;
  const name = propertyName(callee.property as Node);
  return name === 'call' || name === 'apply' ? unwrap(callee.object as Node) : undefined;
}

/** The exported functions by export name, with `Class.method` for each method of an exported class or instance. */
function exportedFunctions(ctx: ModuleContext): [string, Node][] {
  const out: [string, Node][] = [];
  for (const [name, value] of ctx.exports) {
    const fn = isFunction(value) ? value : ctx.functionOf(value);
    if (fn !== undefined) {
      out.push([name, fn]);
      continue;
    }
    const cls = classOf(ctx, value) ?? instanceClass(ctx, value);
    for (const m of (cls?.body?.body as Node[] | undefined) ?? []) {
      const method =
        m.type === 'MethodDefinition' || m.type === 'PropertyDefinition' ? unwrap(m.value) : undefined;
      const key = propertyName(m.key as Node, m.computed as boolean);
      if (method !== undefined && isFunction(method) && key !== undefined)
        out.push([`${name}.${key}`, method]);
    }
  }
  return out;
}

/**
 * For each exported function (and `Class.method`), the positions of the parameters it runs, itself, in a
 * callback it builds, or through the module's own functions it hands them to (a few hops).
 *
 * @example
 * calledParams(ctx) // { handleSqsEvent: [0], 'BaseRepository.transaction': [0] }
 */
export function calledParams(ctx: ModuleContext): Record<string, number[]> {
  const out: Record<string, number[]> = Object.create(null);
  if (ctx.exports.size === 0) return out;
  const runs = new Map<Node, Set<number>>();
  // `[caller, its parameter, callee, the callee's parameter]`: a parameter handed on to a local function.
  const forwards: [Node, number, Node, number][] = [];
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee as Node);
    const run = paramOf(ctx, runIdentifier(callee));
    if (run !== undefined) runs.set(run.fn, (runs.get(run.fn) ?? new Set()).add(run.index));
    const target = callee?.type === 'Identifier' ? ctx.functionOf(callee) : undefined;
    if (target === undefined) continue;
    for (const [i, arg] of (call.arguments as Node[]).entries()) {
      if (arg.type === 'SpreadElement') break;
      const handed = paramOf(ctx, unwrap(arg));
      if (handed !== undefined) forwards.push([handed.fn, handed.index, target, i]);
    }
  }
  for (let round = 0, grew = true; grew && round < 4; round++) {
    grew = false;
    for (const [fn, index, target, at] of forwards) {
      if (runs.get(target)?.has(at) !== true || runs.get(fn)?.has(index) === true) continue;
      runs.set(fn, (runs.get(fn) ?? new Set()).add(index));
      grew = true;
    }
  }
  if (runs.size === 0) return out;
  for (const [name, fn] of exportedFunctions(ctx)) {
    const indexes = runs.get(fn);
    if (indexes !== undefined) out[name] = [...indexes].sort((a, b) => a - b);
  }
  return out;
}
