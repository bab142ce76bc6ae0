// Delays between attempts: cockatiel's ExponentialBackoff with its decorrelated-jitter generator, or our
// own 'full'/'none' generators (cockatiel's fix the base at 2 and ignore `exponent`), and a throttling floor when the server asked to slow down but said nothing, capped at maxDelayMs; a server's
// Retry-After when it asks for longer, NOT capped: retrying before an explicit pushback ends only earns
// another 429. The retry stage gives up at once when the hint does not fit the call's remaining time.

import type { Classification } from '@bulwark/errors';
import { decorrelatedJitterGenerator, ExponentialBackoff, type IBackoff } from 'cockatiel';
import type { NormalizedBackoff } from '../options/normalizeOptions.js';

/** AWS SDK's base delay for throttling errors (smithy's THROTTLING_RETRY_DELAY_BASE). */
export const THROTTLING_BASE_DELAY_MS = 500;

type Curve = { readonly initialDelay: number; readonly maxDelay: number; readonly exponent: number };

/** initialDelayMs x exponent^n, capped: cockatiel's noJitterGenerator with the configured exponent. */
const noJitter = (attempts: number | undefined, o: Curve): [number, number] => {
  const n = attempts ?? 0;
  return [Math.min(o.maxDelay, o.initialDelay * o.exponent ** n), n + 1];
};

/** Uniform in [0, the plain curve's delay), as cockatiel's fullJitterGenerator, with the exponent. */
const fullJitter = (attempts: number | undefined, o: Curve): [number, number] => {
  const [delay, next] = noJitter(attempts, o);
  return [Math.floor(Math.random() * delay), next];
};

/** A fresh backoff sequence for one call; `.next()` walks it. */
export function createBackoff(options: NormalizedBackoff): ExponentialBackoff<unknown> {
  const generator =
    options.jitter === 'full'
      ? fullJitter
      : options.jitter === 'none'
        ? noJitter
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
  return hint === undefined ? delay : Math.max(delay, Math.ceil(hint));
}
