// How a function uses a batch API's stored answer after the send: only printed, or only read for fields
// other than the one listing the failed entries. rules/partialBatch.ts judges the answer from these.
import { type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isLogCall } from './catchFacts.js';

/**
 * Every later reference to `name` in the function sits in a log call (`console.log('sent', response)`):
 * the result is printed, never looked at.
 */
export function onlyPrinted(ctx: ModuleContext, scope: Node, name: string, after: number): boolean {
  let references = 0;
  const printed = someDescendant(
    scope,
    (n) => {
      if (n.type !== 'Identifier' || n.name !== name || n.start < after) return false;
      references++;
      let at: Node | undefined = n;
      while (at !== undefined && at.type !== 'ExpressionStatement' && at !== scope) at = ctx.parentOf(at);
      return at?.type !== 'ExpressionStatement' || !isLogCall(at);
    },
    true,
  );
  return references > 0 && !printed;
}

/**
 * Every later reference to `name` reads a named field other than `field` (`out.Responses?.[table]`):
 * the answer is used, its leftovers are not. A reference handed on whole (returned, passed, spread) may
 * reach someone who looks, so it is not this.
 */
export function onlyOtherFields(
  ctx: ModuleContext,
  scope: Node,
  name: string,
  field: string,
  after: number,
): boolean {
  let references = 0;
  const whole = someDescendant(
    scope,
    (n) => {
      if (n.type !== 'Identifier' || n.name !== name || n.start < after) return false;
      references++;
      const parent = ctx.parentOf(n);
      return (
        parent?.type !== 'MemberExpression' ||
        parent.object !== n ||
        parent.computed === true ||
        parent.property?.name === field
      );
    },
    true,
  );
  return references > 0 && !whole;
}
