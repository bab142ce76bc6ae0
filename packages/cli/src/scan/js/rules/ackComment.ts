// swallowed-error: a comment that decides a catch's 2xx answer on purpose ties it to stopping the sender's
// retries or redelivery (`// return 200 to prevent retries of a poison event`, `// acknowledge so the sender
// stops retrying`). A comment that only mentions notifying (`// notify the team to retry by hand`) or
// acknowledging (`// TODO: acknowledge only after the write succeeded`) decides nothing. Read only in the
// catch and the lines just above the try: a function's doc describes the function, not this answer.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { saysWhy } from './catchFacts.js';

/** Words tying a 2xx to stopping retries: a stopping word, then within a few words a retry or redelivery. */
export const ACKNOWLEDGED =
  /\b(prevent\w*|avoid\w*|stops?|stopping|suppress\w*|no|not|never|don'?t|doesn'?t|won'?t)\s+(\w+\s+){0,3}(retr(y|ies|ying)|redeliver\w*)\b/i;

/** The comments of a piece of source (line and block), joined. */
const comments = (text: string): string => (text.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? []).join(' ');

/**
 * The catch of `tryStatement`, or the 4 lines above it, has a comment tying the 2xx to stopping retries.
 *
 * @example
 * // try { ... } catch (e) { // 200 so Stripe stops retrying a poison event
 * acknowledgedOnPurpose(ctx, tryStatement) // true
 */
export function acknowledgedOnPurpose(ctx: ModuleContext, tryStatement: Node): boolean {
  const handler = tryStatement.handler as Node | null;
  if (handler != null && ACKNOWLEDGED.test(comments(ctx.source.slice(handler.start, handler.end))))
    return true;
  let from = tryStatement.start;
  for (let i = 0; i < 4 && from > 0; i++) from = ctx.source.lastIndexOf('\n', from - 1);
  return ACKNOWLEDGED.test(comments(ctx.source.slice(Math.max(from, 0), tryStatement.start)));
}

/**
 * A catch's 2xx answer decided on purpose: its try states why (saysWhy), or a comment ties the answer to
 * stopping retries (acknowledgedOnPurpose). One test for every rule that reports a 2xx after a failure.
 *
 * @example
 * // catch (e) { // 200 so the sender stops retrying a poison event
 * answeredOnPurpose(ctx, handler) // true
 */
export function answeredOnPurpose(ctx: ModuleContext, handler: Node): boolean {
  const tryStatement = ctx.parentOf(handler) as Node;
  return saysWhy(ctx, tryStatement) || acknowledgedOnPurpose(ctx, tryStatement);
}
