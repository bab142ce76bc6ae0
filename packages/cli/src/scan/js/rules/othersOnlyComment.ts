// swallowed-error: a per-item catch whose comment only says the loop goes on with the other items. "Continue
// with other items even if one fails" decides the fate of the items after this one, not of this one: the
// failed item is dropped with a log line and the run still ends as a success, so it is no stated decision
// to lose it (a later sweep, a fail-open choice, best effort, "don't fail the run" still are).
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { perItem } from './jobItems.js';

/**
 * Wording about the other items only: "even if one fails", "continue with the other routes", "keep
 * processing the remaining records", "move on to the next file", up to the end of its clause (a full stop, a comma, a dash between spaces); also a
 * "don't throw" whose only reason is that: "Don't throw here to continue processing other messages".
 */
export const OTHERS_ONLY =
  /\b(?:(?:don'?t|do not|never)\s+(?:re)?(?:throw|fail)\w*(?:\s+here)?,?\s+(?:to|so(?: that)?(?: we)?(?: can)?)\s+)?(?:continu\w*|keep\w*|carry on|mov\w* on|proceed\w*|go(?:es|ing)? on)\b[^.;\n]{0,40}?\b(?:others?|next|remaining|rest)\b(?:(?!\s[-–—]\s)[^.;,\n])*|\beven if\b(?:(?!\s[-–—]\s)[^.;,\n])*/gi;

/** A cheap look at the catch's text before any walk: a comment with such wording in it. */
const HAS_OTHERS = new RegExp(OTHERS_ONLY.source, 'i');

/**
 * The wording saysWhy (catchFacts.ts) should set aside for this try: OTHERS_ONLY when the try runs once
 * per item of a collection (jobItems.ts) and its catch's own comment has such wording; otherwise nothing.
 * Outside an item loop "even if it fails" is about the one step, and stays a decision.
 *
 * @example
 * othersOnlyWording(ctx, tryStatement) // for (const item of items) { try { await save(item) } catch (e) { log(e); // Continue with other items even if one fails } } -> OTHERS_ONLY
 */
export function othersOnlyWording(ctx: ModuleContext, tryStatement: Node): RegExp | undefined {
  const handler = tryStatement.handler as Node | null;
  if (handler == null) return undefined;
  const text = ctx.source.slice(handler.body.start, handler.body.end);
  if (!/\/[/*]/.test(text) || !HAS_OTHERS.test(text)) return undefined;
  return perItem(ctx, tryStatement) ? OTHERS_ONLY : undefined;
}
