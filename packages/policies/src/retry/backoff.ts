// Delays between attempts: cockatiel's exponential generators (full or decorrelated jitter) and a
// throttling floor when the server asked to slow down but said nothing, capped at maxDelayMs; a server's
// Retry-After when it asks for longer, NOT capped: retrying before an explicit pushback ends only earns
// another 429. The retry stage gives up at once when the hint does not fit the call's remaining time.

import type { Classification } from '@bulwark/errors';
import {
  decorrelatedJitterGenerator,
  ExponentialBackoff,
  fullJitterGenerator,
  type IBackoff,
  noJitterGenerator,
} from 'cockatiel';
import type { NormalizedBackoff } from '../options/normalizeOptions.js';

/** AWS SDK's base delay for throttling errors (smithy's THROTTLING_RETRY_DELAY_BASE). */
export const THROTTLING_BASE_DELAY_MS = 500;

/** A fresh backoff sequence for one call; `.next()` walks it. */
export function createBackoff(options: NormalizedBackoff): ExponentialBackoff<unknown> {
  const generator =
    options.jitter === 'full'
      ? fullJitterGenerator
      : options.jitter === 'none'
        ? noJitterGenerator
        : decorrelatedJitterGenerator;
  return new ExponentialBackoff({
    generator: generator as typeof decorrelatedJitterGenerator,
    initialDelay: options.initialDelayMs,
    maxDelay: options.maxDelayMs,
    exponent: options.exponent,
  });
}

/**
 * The delay before retry number `retry` (1 = the first retry), given the backoff step for it and the
 * failure's classification.
 */
export function retryDelay(
  step: IBackoff<unknown>,
  retry: number,
  classification: Classification,
  options: NormalizedBackoff,
): number {
  let delay = step.duration;
  const hint = classification.retryAfterMs;
  if (hint === undefined && classification.reason === 'throttled') {
    const base = THROTTLING_BASE_DELAY_MS * options.exponent ** (retry - 1);
    delay = Math.max(delay, base / 2 + (Math.random() * base) / 2);
  }
  delay = Math.max(0, Math.min(Math.round(delay), options.maxDelayMs));
  // The server's own word wins over the cap (the call's remaining time still bounds it).
  return hint !== undefined && hint > delay ? Math.ceil(hint) : delay;
}
