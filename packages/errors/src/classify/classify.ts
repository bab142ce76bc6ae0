// The default classifier: Bulwark's recognisers, no rules, default options.

import type { Classification } from '../Classification.js';
import { createClassifier } from './createClassifier.js';

const defaultClassifier = createClassifier([]);

/**
 * Decides what a failure is: its kind, whether to retry it, whether it counts toward the dependency's
 * breaker, how long to wait, and what HTTP status our own caller should see. Walks `cause` chains and
 * `AggregateError.errors` (8 links deep), and never throws, whatever it is given.
 *
 * @example
 * ```ts
 * import { classify } from '@bulwark/errors';
 * try {
 *   await fetch('https://edna.internal/orders', { signal: AbortSignal.timeout(2_000) });
 * } catch (error) {
 *   const c = classify(error); // e.g. { kind: 'transient', reason: 'timeout', retryable: true, httpStatus: 504, ... }
 *   if (!c.retryable) throw error;
 * }
 * ```
 */
export function classify(error: unknown): Classification {
  return defaultClassifier(error);
}
