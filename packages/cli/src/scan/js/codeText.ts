// A node's source text as code: its comments blanked. Rules that test a handler's text for a word
// (`batchItemFailures`, `processPartialResponse`) would otherwise take a commented-out answer
// (`// return { batchItemFailures: failed };`) or a note about one for the answer itself.
import type { Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The text of `node` with each comment inside it replaced by spaces (line breaks kept), so offsets and
 * line numbers still match the source.
 * @example codeText(ctx, fn) // `f(); // return { batchItemFailures }` -> `f();` and spaces
 */
export function codeText(ctx: ModuleContext, node: Node): string {
  const text = ctx.source.slice(node.start, node.end);
  const inside = ctx.comments.filter((c) => c.start < node.end && c.end > node.start);
  if (inside.length === 0) return text;
  let out = '';
  let at = node.start;
  for (const c of [...inside].sort((a, b) => a.start - b.start)) {
    const from = Math.max(c.start, at);
    const to = Math.min(c.end, node.end);
    if (to <= from) continue;
    out += ctx.source.slice(at, from) + ctx.source.slice(from, to).replace(/[^\n]/g, ' ');
    at = to;
  }
  return out + ctx.source.slice(at, node.end);
}
