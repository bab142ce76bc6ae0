// A refusal tells its caller when to come back. Zero ("retry at once", during an outage) and
// centuries (a fleet document with retryAt in year 9999) are both wrong answers.

import { MAX_RETRY_AFTER_MS } from './parseRetryAfter.js';

/**
 * The shortest retry hint a refusal carries: one second.
 *
 * @example
 * ```ts
 * import { MIN_RETRY_HINT_MS, clampRetryAfterMs } from '@bulwark/errors';
 * clampRetryAfterMs(1, 5_000) === MIN_RETRY_HINT_MS; // true
 * ```
 */
export const MIN_RETRY_HINT_MS = 1_000;

/**
 * A retry hint for a refusal: `ms` when it is a finite positive number, else `fallbackMs`; then clamped
 * into [{@link MIN_RETRY_HINT_MS}, {@link MAX_RETRY_AFTER_MS}] and rounded up to whole milliseconds.
 *
 * @example
 * ```ts
 * import { clampRetryAfterMs } from '@bulwark/errors';
 * clampRetryAfterMs(0, 30_000); // 30000: "now" during an outage is no hint
 * clampRetryAfterMs(2.5e14, 30_000); // 120000
 * clampRetryAfterMs(200, 30_000); // 1000
 * ```
 */
export function clampRetryAfterMs(ms: unknown, fallbackMs: number): number {
  const chosen = typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : fallbackMs;
  const safe = Number.isFinite(chosen) ? chosen : MAX_RETRY_AFTER_MS;
  return Math.ceil(Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_HINT_MS, safe)));
}
