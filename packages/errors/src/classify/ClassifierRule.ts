// A rule teaches the classifier one thing it does not know: a vendor's error code, a rate-limit body.

import type { ErrorKindName, FailureReasonName } from '../Classification.js';

/**
 * One rule for {@link createClassifier}. `match` is called with each link of the error chain (the error,
 * its `cause`, ...); the first rule that matches any link decides, before Bulwark's own recognisers.
 *
 * @example
 * ```ts
 * import { createClassifier, type ClassifierRule } from '@bulwark/errors';
 * const vendorRateLimit: ClassifierRule = {
 *   name: 'vendor rate limit',
 *   match: (e) => (e as { vendorCode?: string }).vendorCode === 'RATE_LIMIT',
 *   kind: 'transient',
 *   reason: 'throttled',
 *   retryAfterMs: 1_000,
 * };
 * const classify = createClassifier([vendorRateLimit]);
 * ```
 */
export interface ClassifierRule {
  /** A name for logs and for the TypeError a malformed rule throws. */
  readonly name?: string;
  /** True when this rule applies to a link of the error chain. A rule that throws counts as no match. */
  readonly match: (error: unknown) => boolean;
  /** The kind to give a matching error. */
  readonly kind: ErrorKindName;
  /**
   * The finer reason.
   * @defaultValue `'server-error'` for transient, `'circuit-open'` for dependency-down, `'unknown'` for
   * permanent, `'cancelled'` for cancelled.
   */
  readonly reason?: FailureReasonName;
  /**
   * How long to wait before another attempt, in ms, or a function reading it from the error
   * (clamped to the classifier's `maxRetryAfterMs`; a function that throws gives none).
   * @defaultValue none
   */
  readonly retryAfterMs?: number | ((error: unknown) => number | undefined);
  /**
   * The status our caller should see (400-599, never 401 or 403).
   * @defaultValue what the kind and reason give, as for Bulwark's own recognisers.
   */
  readonly httpStatus?: number;
  /**
   * Whether the failure counts toward the dependency's breaker.
   * @defaultValue true for transient, false otherwise.
   */
  readonly countsTowardBreaker?: boolean;
  /**
   * A machine code to report, or a function reading it from the error.
   * @defaultValue the `code` found on the error chain, if any.
   */
  readonly code?: string | ((error: unknown) => string | undefined);
}
