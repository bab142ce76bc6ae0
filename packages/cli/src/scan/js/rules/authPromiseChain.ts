// `then` (with no rejection handler) and `finally` hand a promise's rejection on: in
// `await verifier.verifyAccessToken(t).then((jwt) => ...)` the verifier's rejection is what the await
// throws, exactly as in `await verifier.verifyAccessToken(t)`. A `.catch` or a second `then` argument takes
// it instead, so the climb stops there.
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const PASSES_REJECTION = new Set(['then', 'finally']);

/** What uses the call's outcome once `.then(onFulfilled)` and `.finally(...)` links are climbed. */
export function chainUser(ctx: ModuleContext, call: Node): Node | undefined {
  let node = call;
  let parent = unwrap(ctx.parentOf(node));
  for (let i = 0; i < 8 && parent?.type === 'MemberExpression' && parent.object === node; i++) {
    const link = unwrap(ctx.parentOf(parent));
    if (
      parent.computed === true ||
      !PASSES_REJECTION.has(parent.property?.name ?? '') ||
      link?.type !== 'CallExpression' ||
      link.callee !== parent ||
      (link.arguments as Node[]).length > 1
    )
      break;
    node = link;
    parent = unwrap(ctx.parentOf(node));
  }
  return parent;
}
