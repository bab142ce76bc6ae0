// Cheap pre-checks for the export facts whose walks can only answer yes where a catch is: a function that
// logs its failures and rethrows them (rules/loggingDataLayer.ts) needs a try/catch of its own, and one that
// ends its own failures (rules/importedEndsErrors.ts) needs one of its own or in a helper of this module it
// awaits, a helper or two deep (rules/selfHandledCalls.ts). The module walk has indexed every catch clause
// and call already, so these answer from offsets, without walking the function again.
import { type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * A catch clause inside the node's text.
 * @example
 * catchWithin(ctx, fn) // true for `async function save(x) { try { await put(x) } catch (e) { throw e } }`
 */
export function catchWithin(ctx: ModuleContext, v: Node): boolean {
  return inside(ctx, 'CatchClause', v).length > 0;
}

/**
 * A catch inside the node, or inside a function of this module it calls by name (and so on, `depth` calls
 * deep): without one, no try inside ends an error of another system, here or in a helper.
 * @example
 * catchReached(ctx, fn) // true for `export async function run() { await step() }` when `step` has a try/catch
 */
export function catchReached(ctx: ModuleContext, v: Node, depth = 3): boolean {
  if (ctx.of('CatchClause').length === 0) return false;
  const known = answers.get(v) ?? [];
  answers.set(v, known);
  known[depth] ??= reached(ctx, v, depth);
  return known[depth];
}

/** Answers per node and depth: a helper called from many exports is looked into once. */
const answers = new WeakMap<Node, boolean[]>();

function reached(ctx: ModuleContext, v: Node, depth: number): boolean {
  if (catchWithin(ctx, v)) return true;
  if (depth === 0) return false;
  for (const call of inside(ctx, 'CallExpression', v)) {
    const callee = unwrap(call.callee as Node);
    if (callee?.type !== 'Identifier') continue;
    const fn = ctx.functionOf(callee);
    if (fn !== undefined && fn !== v && catchReached(ctx, fn, depth - 1)) return true;
  }
  return false;
}

/**
 * The indexed nodes of a type inside `v`, found by binary search on start offsets, so a per-member gate
 * costs the member's own calls, not the module's. The index is in walk (start) order; a copy sorted by
 * start is kept per module in case a node was entered out of text order.
 */
function inside(ctx: ModuleContext, type: 'CallExpression' | 'CatchClause', v: Node): Node[] {
  const list = byStart(ctx, type);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Node).start < v.start) lo = mid + 1;
    else hi = mid;
  }
  const found: Node[] = [];
  for (let i = lo; i < list.length && (list[i] as Node).start < v.end; i++) {
    const n = list[i] as Node;
    if (n.end <= v.end) found.push(n);
  }
  return found;
}

function byStart(ctx: ModuleContext, type: 'CallExpression' | 'CatchClause'): readonly Node[] {
  const lists = sorted.get(ctx) ?? new Map<string, readonly Node[]>();
  sorted.set(ctx, lists);
  let list = lists.get(type);
  if (list === undefined) {
    const all = ctx.of(type);
    list = all.every((n, i) => i === 0 || (all[i - 1] as Node).start <= n.start)
      ? all
      : [...all].sort((a, b) => a.start - b.start);
    lists.set(type, list);
  }
  return list;
}

/** Per module, its calls and catch clauses in start order. */
const sorted = new WeakMap<ModuleContext, Map<string, readonly Node[]>>();
