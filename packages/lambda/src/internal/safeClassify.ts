// What a failure is classified as when the classifier itself cannot read it (a Proxy whose traps throw, a user
// classifier that throws or returns nothing): permanent and unknown, so it is reported, never acknowledged or
// answered as a success. The SQS and HTTP handlers share it.
import type { Classification } from '@bulwark/errors';

/** The classification of a failure nothing could read. */
export const UNREADABLE: Classification = {
  kind: 'permanent',
  reason: 'unknown',
  retryable: false,
  countsTowardBreaker: false,
  httpStatus: 500,
  message: 'an unreadable failure',
};

/** `classifier(thrown)`, or {@link UNREADABLE} when it throws or returns nothing; never throws. */
export function safeClassify(
  thrown: unknown,
  classifier: (error: unknown) => Classification,
): Classification {
  try {
    return classifier(thrown) ?? UNREADABLE;
  } catch {
    return UNREADABLE;
  }
}
