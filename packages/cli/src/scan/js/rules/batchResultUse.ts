// How a function uses a batch API's stored answer after the send: only printed, or only read for fields
// other than the one listing the failed entries. rules/partialBatch.ts judges the answer from these.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isLogCall } from './catchFacts.js';

/** There is a later reference to `name` in `scope`, and every one of them passes `ok`. */
export function everyLaterReference(
  scope: Node,
  name: string,
  after: number,
  ok: (reference: Node) => boolean,
): boolean {
  let references = 0;
  const failing = someDescendant(
    scope,
    (n) => {
      if (n.type !== 'Identifier' || n.name !== name || n.start < after) return false;
      references++;
      return !ok(n);
    },
    true,
  );
  return references > 0 && !failing;
}

/**
 * Every later reference to `name` in the function sits in a log call (`console.log('sent', response)`):
 * the result is printed, never looked at.
 */
export function onlyPrinted(ctx: ModuleContext, scope: Node, name: string, after: number): boolean {
  return everyLaterReference(scope, name, after, (n) => printedReference(ctx, scope, n));
}

/**
 * The statement holding `reference` (inside `scope`) is a log call, and the reference is printed by it: a
 * call or function it is handed to (`log.info('resent', await resend(ddb, out))`) may act on the answer,
 * but for one that only formats it (`JSON.stringify(out)`).
 */
export function printedReference(ctx: ModuleContext, scope: Node, reference: Node): boolean {
  const between: Node[] = [];
  let at: Node | undefined = ctx.parentOf(reference);
  while (at !== undefined && at.type !== 'ExpressionStatement' && at !== scope) {
    between.push(at);
    at = ctx.parentOf(at);
  }
  if (at?.type !== 'ExpressionStatement' || !isLogCall(at)) return false;
  let logCall = unwrap(at.expression);
  if (logCall?.type === 'AwaitExpression') logCall = unwrap(logCall.argument);
  return between.every((n, i) => {
    if (n === logCall || isFunction(n)) return n === logCall;
    if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return true;
    // Its own method (`failed.map(...)`, `out.toString()`) reads the answer where it is printed.
    if (n.callee === (between[i - 1] ?? reference)) return true;
    return n.type === 'CallExpression' && FORMAT_CALL.test(calleeName(n) ?? '');
  });
}

/** Calls that only turn a value into text for the log line (`console.error(JSON.stringify(failed))`). */
const FORMAT_CALL = /^(stringify|inspect|String|format|toString)$/;

/**
 * Every later reference to `name` reads a named field other than `field` (`out.Responses?.[table]`) or
 * sits in a log line, and at least one reads a field: the data is used, the leftovers are not. A reference
 * handed on whole (returned, passed, spread) may reach someone who looks, so it is not this.
 */
export function onlyOtherFields(
  ctx: ModuleContext,
  scope: Node,
  name: string,
  field: string,
  after: number,
): boolean {
  // A log line printing the whole answer (`logger.debug('got', { response })`) looks at nothing: it is
  // judged as onlyPrinted judges it, so long as some reference reads the data.
  let reads = 0;
  const all = everyLaterReference(scope, name, after, (n) => {
    const parent = ctx.parentOf(n);
    if (
      parent?.type === 'MemberExpression' &&
      parent.object === n &&
      parent.computed !== true &&
      parent.property?.name !== field
    ) {
      reads++;
      return true;
    }
    return printedReference(ctx, scope, n);
  });
  return all && reads > 0;
}

/**
 * Every later reference to `name` is printed or returned whole (`console.log(out); return out;`), and one
 * is returned: the function's callers are the only ones who could look at the answer.
 */
export function printedOrReturned(ctx: ModuleContext, scope: Node, name: string, after: number): boolean {
  let returned = false;
  const all = everyLaterReference(scope, name, after, (n) => {
    let at: Node | undefined = n;
    while (
      at !== undefined &&
      at.type !== 'ExpressionStatement' &&
      at.type !== 'ReturnStatement' &&
      at !== scope
    )
      at = ctx.parentOf(at);
    if (at?.type === 'ReturnStatement' && at.argument === n) returned = true;
    return (
      (at?.type === 'ExpressionStatement' && isLogCall(at)) ||
      (at?.type === 'ReturnStatement' && at.argument === n)
    );
  });
  return all && returned;
}
