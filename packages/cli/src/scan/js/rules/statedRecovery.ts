// swallowed-error: a catch whose own comment names what recovers the failed work later: a sweep that
// resends it ("the pending row is the outbox; the minute sweep will retry this send"), a clean-up that comes
// after ("files can be cleaned up later"), or a reason the caller must not be told ("still return success to
// prevent enumeration"). Readers take that as the team's stated decision, as they take "best effort". Only
// the catch's own comments count: a neighbour's comment is about the neighbour.

/** A later recovery or a deliberate silence, named. */
export const STATED_RECOVERY =
  /\b(sweep|reconcil\w*|outbox)\b[^.;\n]{0,60}\b(retr(y|ies|ied)|recover\w*|re-?send\w*|pick\w* (it |them )?up)\b|\b(will|can|may|is|are) be (retried|recovered|picked up|cleaned up|re-?sent|re-?processed) later\b|\bclean(ed)?[- ]?up later\b|\b(prevent|avoid)\w*( user| email| account)? enumeration\b/i;

/** The comments of the catch's body state a recovery or a deliberate silence (STATED_RECOVERY). */
export function statesRecovery(catchComments: string): boolean {
  return STATED_RECOVERY.test(catchComments);
}
