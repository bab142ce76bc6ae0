// swallowed-error: a catch whose own log line states that the code goes on by decision. A comment is not
// the only place a team writes down a fail-open choice: `logger.warn('check failed: ALLOWING request
// (fail-open)')` or `log.error('could not create request state, allowing the request to proceed without
// it')` says, in the words an operator reads, that the failure is let through on purpose (a rate limiter or
// a bookkeeping table must not take the service down with it). Only wording that names the decision counts;
// a log line that says what failed (`'Error reading budget'`) decides nothing.
import { forEachDescendant, type Node } from '../ast.js';
import { isLogCall } from './catchFacts.js';

/**
 * Wording of a decision to go on: fail-open, best effort, non-critical, letting the request proceed or
 * continue without the step, falling back to something else. Narrower than a comment's vocabulary: a
 * log line's "optional" or "ignored" may describe the input rather than the choice.
 */
const GOES_ON =
  /fail(s|ing)?[- ]?open|best[- ]?effort|non[- ]?(critical|blocking|fatal)|\b(allow(s|ing)?|let(s|ting)?|proceed(s|ing)?|continu(e|es|ing))\b[^.;:!]{0,50}\bwithout\b|\bfall(s|ing)?[- ]?back (to|on)\b/i;

/** The text of a log call's string arguments (literals and template parts). */
function logText(call: Node): string {
  const parts: string[] = [];
  forEachDescendant(
    call,
    (n) => {
      if (n.type === 'Literal' && typeof n.value === 'string') parts.push(n.value);
      else if (n.type === 'TemplateElement') parts.push(String(n.value?.raw ?? ''));
      return true;
    },
    true,
  );
  return parts.join(' ');
}

/**
 * A log line of the catch itself (not of a nested function) states the decision to go on.
 *
 * @example
 * logStatesDecision(handler) // catch (e) { logger.warn('limit check failed: ALLOWING request (fail-open)') } -> true
 */
export function logStatesDecision(handler: Node): boolean {
  const statements = (handler.body as Node).body as Node[];
  return statements.some((s) => logLineStatesDecision(s));
}

/** One statement (or an arrow's expression body) is a log line in the words of a decision to go on. */
export function logLineStatesDecision(statement: Node): boolean {
  return isLogCall(statement) && GOES_ON.test(logText(statement));
}
