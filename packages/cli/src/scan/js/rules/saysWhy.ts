// A setting a project chose on purpose says so: a comment on its line or just above it (`retryAttempts: 0,
// // the caller replays from the ledger`). A comment there is taken as the reason the value was chosen, so a
// value a rule would question (no retries, a high redrive count) is a decision rather than an oversight.
// iac/decidedCount.ts reads the same from template and Terraform text, which keep no comments once parsed.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A comment on the line of `node` or the two lines above it: the reason a setting was chosen. */
export function saysWhy(ctx: ModuleContext, node: Node): boolean {
  const line = (at: number) => ctx.position(at).line;
  const own = line(node.start as number);
  return ctx.comments.some((c) => {
    const end = line(c.end);
    return end <= own && end >= own - 2;
  });
}
