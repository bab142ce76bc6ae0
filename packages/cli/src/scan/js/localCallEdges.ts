// The module's calls of its own functions, the edges exportsReaching (handlerImports.ts) climbs from a node
// to the exports that reach it.
import { type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { selfCalls } from './selfCalls.js';

/** A call of a module-local function by name: the function called, and the functions around the call. */
export interface LocalCallEdge {
  readonly target: Node;
  readonly call: Node;
  /** The functions around the call, found the first time the target is reached. */
  callers?: readonly Node[];
}
const edgeCache = new WeakMap<ModuleContext, readonly LocalCallEdge[]>();

/**
 * The module's calls of its own functions by name, in source order, found once per module: rules ask
 * exportsReaching for many nodes of one module (every floating call of a helper module), and resolving
 * every call's callee again each time made it quadratic in the module's calls.
 * @example
 * localCallEdges(ctx).filter((e) => e.target === helper).length; // the calls of `helper` in its module
 */
export function localCallEdges(ctx: ModuleContext): readonly LocalCallEdge[] {
  const cached = edgeCache.get(ctx);
  if (cached !== undefined) return cached;
  const edges: LocalCallEdge[] = [];
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier') continue;
    const target = ctx.functionOf(callee);
    if (target !== undefined) edges.push({ target, call });
  }
  edges.push(...selfCalls(ctx)); // `utils.f()` of `const utils = module.exports` (js/selfCalls.ts)
  edgeCache.set(ctx, edges);
  return edges;
}
