// Guards that hold across realms and duplicate installs: they check the brand and the name, never `instanceof`.

import type {
  DependencyDownError,
  PermanentError,
  ResilienceError,
  TransientError,
} from './ResilienceError.js';

const branded = (value: unknown): value is ResilienceError =>
  typeof value === 'object' &&
  value !== null &&
  (value as { isBulwarkResilienceError?: unknown }).isBulwarkResilienceError === true;

/**
 * True for any error Bulwark made ({@link TransientError}, {@link DependencyDownError}, {@link PermanentError}).
 *
 * @example
 * ```ts
 * import { isResilienceError } from '@bulwark/errors';
 * if (isResilienceError(e)) console.log(e.kind, e.dependency);
 * ```
 */
export function isResilienceError(value: unknown): value is ResilienceError {
  return branded(value);
}

/**
 * True for a {@link TransientError}.
 *
 * @example
 * ```ts
 * import { isTransientError } from '@bulwark/errors';
 * if (isTransientError(e)) return { retry: true };
 * ```
 */
export function isTransientError(value: unknown): value is TransientError {
  return branded(value) && value.name === 'TransientError';
}

/**
 * True for a {@link DependencyDownError}.
 *
 * @example
 * ```ts
 * import { isDependencyDownError } from '@bulwark/errors';
 * if (isDependencyDownError(e)) response.headers.set('retry-after', String(Math.ceil((e.retryAfterMs ?? 0) / 1000)));
 * ```
 */
export function isDependencyDownError(value: unknown): value is DependencyDownError {
  return branded(value) && value.name === 'DependencyDownError';
}

/**
 * True for a {@link PermanentError}.
 *
 * @example
 * ```ts
 * import { isPermanentError } from '@bulwark/errors';
 * if (isPermanentError(e)) await sendToDeadLetterQueue(record, e);
 * ```
 */
export function isPermanentError(value: unknown): value is PermanentError {
  return branded(value) && value.name === 'PermanentError';
}
