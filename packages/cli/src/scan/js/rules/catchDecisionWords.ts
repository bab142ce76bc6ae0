// swallowed-error: decisions a comment states only from inside a catch. Besides the general best-effort
// vocabulary (catchFacts.ts BEST_EFFORT), a team writes down three more reasons for letting a failure go
// that name the decision itself: the answer must not tell whether an account exists (a password reset or a
// sign-up that answers the same success either way, "prevent email enumeration"), a named mechanism picks
// the work up later ("the minute sweep will retry this send", "files can be cleaned up later"), and a loop
// goes on "rather than stopping the whole run". Read elsewhere (above a try, in a function's doc comment,
// beside a neighbour's statement) these words may be about something else, so only a catch's own comments
// are read for them. "Will be retried later" alone names no mechanism and is not one of them.

/** Anti-enumeration: the answer is the same whether or not the account exists, on purpose. */
const NO_ENUMERATION =
  /\benumeration\b|\benumerat(?:e|ing) (?:users|accounts|emails|addresses)\b|(?:\bnot|n't|\bnever|\bwithout) (?:to )?(?:reveal|leak|disclos|expos)\w* (?:whether|if|that) (?:the |an? )?(?:user|account|email|e-mail|address|username)\b/i;

/** A named mechanism that picks the work up later: a sweep, a later clean-up. */
const PICKED_UP_LATER =
  /\b(?:sweep|swept|sweeper)\b|\bclean(?:ed)?[- ]?up (?:later|eventually)\b|\bcleaned up (?:later|eventually|by)\b/i;

/** The loop goes on by decision: "continue to the next feed rather than stopping the whole Lambda". */
const GOES_ON_INSTEAD = /\brather than (?:stop|abort|halt|crash)\w*/i;

/**
 * Does the comment text of a catch (its own comments, joined) state one of these catch-only decisions?
 *
 * @example
 * catchOnlyDecision('// Still return success to prevent enumeration') // true
 * catchOnlyDecision('// will be retried later') // false: no mechanism named
 */
export function catchOnlyDecision(comments: string): boolean {
  return NO_ENUMERATION.test(comments) || PICKED_UP_LATER.test(comments) || GOES_ON_INSTEAD.test(comments);
}
