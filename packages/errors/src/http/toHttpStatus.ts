// The one question an HTTP handler asks of a failure.

import { classify } from '../classify/classify.js';
import type { Classifier } from '../classify/createClassifier.js';

/**
 * The HTTP status our own caller should see for `error`: 503 for infrastructure failures (network, DNS,
 * TLS, throttling by a dependency, open circuit, credentials that could not be loaded), 504 for timeouts,
 * 4xx only for the caller's own mistakes (invalid input, not found, conflict), 500 for our bugs (including
 * a dependency refusing our credentials), 499 for a cancelled call. Never 401 or 403.
 *
 * @param classifier - a classifier from `createClassifier`, when the service taught it rules.
 *
 * @example
 * ```ts
 * import { toHttpStatus } from '@bulwark/errors';
 * toHttpStatus(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })); // 503
 * toHttpStatus(new Response(null, { status: 401 })); // 500: our credentials, not the caller's
 * ```
 */
export function toHttpStatus(error: unknown, classifier: Classifier = classify): number {
  return classifier(error).httpStatus;
}
