// What an export a flag chooses may be (`export const handler = flag ? datadog(work) : work`): Lambda runs
// whichever branch is chosen, so each is an entry and the export is named for each.
import { type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The values an export may take, through conditionals and the constants they name, each once: `flag ?
 * datadog(work) : work` gives both branches, and a value that is no conditional gives itself. A value met
 * twice (`const b = f ? a : a`) is walked once, so a chain of such constants stays linear.
 * @example
 * exportBranches(ctx, exportValue) // [datadog(work), work] of `flag ? datadog(work) : work`
 */
export function exportBranches(ctx: ModuleContext, value: Node | undefined): Node[] {
  const out: Node[] = [];
  const seen = new Set<Node>();
  const pending: Node[] = value === undefined ? [] : [value];
  while (pending.length > 0) {
    const next = pending.pop() as Node;
    const v = ctx.valueOf(next);
    if (v === undefined || seen.has(v)) continue;
    seen.add(v);
    // The value as written is kept (`work`, not the function it names), casts aside: callers match names.
    if (v.type === 'ConditionalExpression') pending.push(v.alternate as Node, v.consequent as Node);
    else out.push(unwrap(next) ?? next);
  }
  return out;
}
