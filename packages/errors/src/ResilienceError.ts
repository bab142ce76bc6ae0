// The base of every error Bulwark throws. Brands, not `instanceof`, make the guards hold across two copies.

import type { ErrorKindName, FailureReasonName } from './Classification.js';
import { readOptions } from './options/readOptions.js';
import { MAX_RETRY_AFTER_MS } from './retryAfter/parseRetryAfter.js';

/**
 * What every {@link ResilienceError} constructor accepts, beside its message.
 *
 * @example
 * ```ts
 * import { TransientError } from '@bulwark/errors';
 * throw new TransientError('edna answered 503', { dependency: 'edna', status: 503, retryAfterMs: 2000 });
 * ```
 */
export interface ResilienceErrorOptions extends ErrorOptions {
  /** The dependency the failure is about. */
  readonly dependency?: string;
  /** The upstream HTTP status, if there was one. */
  readonly status?: number;
  /**
   * How long to wait before trying again, in milliseconds. Clamped into [0, `MAX_RETRY_AFTER_MS` (120 s)];
   * NaN or a non-number is dropped.
   */
  readonly retryAfterMs?: number;
  /** The finer reason; each subclass has a sensible default. */
  readonly reason?: FailureReasonName;
  /** A machine code (`ECONNRESET`, `ThrottlingException`). */
  readonly code?: string;
}

const OPTION_KEYS = new Set(['dependency', 'status', 'retryAfterMs', 'reason', 'code', 'cause']);

/**
 * A mistyped option (`retryAfter`) would silently drop the hint: refuse it, naming the nearest valid key.
 * Only own keys count (an inherited enumerable key is not the caller's option).
 */
function refuseUnknown(owner: string, options: ResilienceErrorOptions): void {
  readOptions(owner, options, [...OPTION_KEYS]);
}

/**
 * The base class of Bulwark's typed failures. Use the `is*Error` guards rather than `instanceof`:
 * they hold even when two copies of `@bulwark/errors` are installed.
 *
 * @example
 * ```ts
 * import { isResilienceError } from '@bulwark/errors';
 * try { await edna.execute(call); } catch (e) { if (isResilienceError(e)) log.warn(e.kind, { dependency: e.dependency }); }
 * ```
 */
export abstract class ResilienceError extends Error {
  override name: string = 'ResilienceError';
  abstract readonly kind: ErrorKindName;
  abstract readonly retryable: boolean;
  readonly reason: FailureReasonName;
  // `declare`: set only when given. A plain field declaration makes every instance own `dependency:
  // undefined` (and status, retryAfterMs, code), which `in`, spreads and log serializers all see.
  declare readonly dependency?: string;
  declare readonly status?: number;
  declare readonly retryAfterMs?: number;
  declare readonly code?: string;

  protected constructor(
    message: string,
    defaultReason: FailureReasonName,
    options: ResilienceErrorOptions = {},
  ) {
    for (const key in options) {
      if (!OPTION_KEYS.has(key)) refuseUnknown(new.target.name, options);
    }
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = options.reason ?? defaultReason;
    if (options.dependency !== undefined) this.dependency = options.dependency;
    if (options.status !== undefined) this.status = options.status;
    const wait = options.retryAfterMs;
    // 1e308 or a retryAt in year 9999 must not reach a Retry-After header; a past time means now; NaN is no hint.
    if (typeof wait === 'number' && !Number.isNaN(wait)) {
      this.retryAfterMs = Math.min(Math.max(0, wait), MAX_RETRY_AFTER_MS);
    }
    if (options.code !== undefined) this.code = options.code;
  }

  /** The brand the guards check. */
  get isBulwarkResilienceError(): true {
    return true;
  }
}

/**
 * A failure worth another attempt: a reset socket, a 503, a throttle, an attempt timeout.
 *
 * @example
 * ```ts
 * import { TransientError } from '@bulwark/errors';
 * if (body.error === 'TRY_AGAIN') throw new TransientError('vendor asked for a retry', { dependency: 'vendor' });
 * ```
 */
export class TransientError extends ResilienceError {
  override name = 'TransientError' as const;
  readonly kind = 'transient' as const;
  readonly retryable = true as const;

  constructor(message: string, options?: ResilienceErrorOptions) {
    super(message, 'server-error', options);
  }
}

/**
 * The dependency is known to be unavailable: its circuit is open or isolated, or retries ran out on a
 * failure that was worth retrying. Not retried by Bulwark; `retryAfterMs` says when to come back.
 *
 * @example
 * ```ts
 * import { isDependencyDownError } from '@bulwark/errors';
 * try { await edna.execute(call); } catch (e) {
 *   if (isDependencyDownError(e)) return { status: 503, retryAfterMs: e.retryAfterMs };
 *   throw e;
 * }
 * ```
 */
export class DependencyDownError extends ResilienceError {
  override name = 'DependencyDownError' as const;
  readonly kind = 'dependency-down' as const;
  readonly retryable = false as const;

  constructor(message: string, options?: ResilienceErrorOptions) {
    super(message, 'circuit-open', options);
  }
}

/**
 * A failure another attempt would repeat: a 400, a 404, our credentials refused, invalid input. Fail fast.
 *
 * @example
 * ```ts
 * import { PermanentError } from '@bulwark/errors';
 * if (!order.id) throw new PermanentError('order has no id', { reason: 'invalid-input' });
 * ```
 */
export class PermanentError extends ResilienceError {
  override name = 'PermanentError' as const;
  readonly kind = 'permanent' as const;
  readonly retryable = false as const;

  constructor(message: string, options?: ResilienceErrorOptions) {
    super(message, 'bad-request', options);
  }
}
