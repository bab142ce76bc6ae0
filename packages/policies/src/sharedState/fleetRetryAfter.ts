// When a caller refused by the fleet's open breaker should come back. The document's retryAt is the
// probe's promise of its next check; it can be absurd (year 9999), already past (a probe that stopped
// moving it), or absent (an operator's forced-open). None of those may become "retry at once" or
// "retry in eight thousand years".
import { clampRetryAfterMs, MAX_RETRY_AFTER_MS, MIN_RETRY_HINT_MS } from '@bulwark/errors';
import type { BreakerStateDocument } from './SharedBreakerState.js';

/**
 * The hint a fleet refusal carries when the document gives no usable `retryAt` (a `forced-open`
 * document, or an `open` one whose `retryAt` has passed): 30 s, about half a probe's one-minute schedule.
 *
 * @example
 * ```ts
 * import { DEFAULT_FLEET_RETRY_HINT_MS } from '@bulwark/policies';
 * console.log(DEFAULT_FLEET_RETRY_HINT_MS); // 30000
 * ```
 */
export const DEFAULT_FLEET_RETRY_HINT_MS = 30_000;

/**
 * The `retryAfterMs` of a refusal caused by a fleet document: the time left until `retryAt` when it is in
 * the future, otherwise `hintMs`; always within [1 s, 120 s] (`clampRetryAfterMs` of `@bulwark/errors`).
 * A `hintMs` that is not a number in that range counts as {@link DEFAULT_FLEET_RETRY_HINT_MS}.
 *
 * @example
 * ```ts
 * import { fleetRetryAfterMs, type BreakerStateDocument } from '@bulwark/policies';
 * declare const forcedOpen: BreakerStateDocument;
 * fleetRetryAfterMs(forcedOpen, Date.now(), 45_000); // 45000
 * ```
 */
export function fleetRetryAfterMs(document: BreakerStateDocument, now: number, hintMs?: number): number {
  const hint =
    typeof hintMs === 'number' && hintMs >= MIN_RETRY_HINT_MS && hintMs <= MAX_RETRY_AFTER_MS
      ? hintMs
      : DEFAULT_FLEET_RETRY_HINT_MS;
  const retryAt = typeof document.retryAt === 'string' ? Date.parse(document.retryAt) : Number.NaN;
  // A retryAt absent, unparseable or past leaves no time (NaN or <= 0): clampRetryAfterMs answers the hint.
  return clampRetryAfterMs(retryAt - now, hint);
}
