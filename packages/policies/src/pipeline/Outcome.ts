// How a call ends when it does not return the dependency's value: classified once, counted once, handed
// to the fallback when there is one (never for a cancellation), refused on the fast path without a stack.
// Every stage ends a failing call through here, so "what the caller gets" is decided in one place.

import {
  type Classification,
  clampRetryAfterMs,
  DependencyDownError,
  MAX_RETRY_AFTER_MS,
  MIN_RETRY_HINT_MS,
  TransientError,
} from '@bulwark/errors';
import type { GiveUpReason } from '../Dependency.js';
import type { FallbackContext } from '../options/DependencyOptions.js';
import type { NormalizedOptions } from '../options/normalizeOptions.js';
import { CALL_RECORD } from '../telemetry/callObserver.js';
import type { Telemetry } from '../telemetry/Telemetry.js';
import { type InternalOptions, rejectSoon, stackless } from './call.js';

type Fallback = (error: unknown, context: FallbackContext) => unknown;

const NO_ERROR = Symbol('none');

/** When the classifier itself throws: a permanent 500 that never trips the breaker. */
const CLASSIFIER_FAILED: Classification = {
  kind: 'permanent',
  reason: 'unknown',
  retryable: false,
  countsTowardBreaker: false,
  httpStatus: 500,
  message: 'the classifier failed',
};

export class Outcome<F> {
  readonly #name: string;
  readonly #o: NormalizedOptions;
  readonly #t: Telemetry;
  #lastError: unknown = NO_ERROR;
  #lastClass: Classification | undefined;

  constructor(options: NormalizedOptions, telemetry: Telemetry) {
    this.#name = options.name;
    this.#o = options;
    this.#t = telemetry;
  }

  /** The classifier's verdict, cached for the last error (the breaker and the retry ask about the same one). */
  classify(error: unknown): Classification {
    // Stryker disable next-line ConditionalExpression: #lastClass is set whenever #lastError is, and no caller holds the initial NO_ERROR
    if (error === this.#lastError && this.#lastClass !== undefined) return this.#lastClass;
    let c: Classification;
    try {
      c = this.#o.classify(error);
    } catch {
      c = CLASSIFIER_FAILED;
    }
    this.#lastError = error;
    this.#lastClass = c;
    return c;
  }

  giveUp<T>(
    reason: GiveUpReason,
    error: unknown,
    classification: Classification,
    attempts: number,
    options: InternalOptions<T> | undefined,
    retryAfterMs?: number,
  ): T | F | Promise<T | F> {
    const t = this.#t;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: only skips building the event when nobody listens (emit to no listener is a no-op)
    if (t.giveUpE.size > 0) {
      const event = { dependency: this.#name, attempts, reason, error, classification };
      t.giveUpE.emit(retryAfterMs === undefined ? event : { ...event, retryAfterMs });
    }
    return this.fail(error, attempts, options, classification);
  }

  /** The caller gave up: counted as a failure, never handed to a fallback; returns the caller's reason. */
  cancelled(reason: unknown): unknown {
    this.#t.failures++;
    return reason;
  }

  /** The call failed for good: fallback if there is one, else throw the error. */
  fail<T>(
    error: unknown,
    attempts: number,
    options: InternalOptions<T> | undefined,
    classification?: Classification,
  ): T | F | Promise<T | F> {
    const t = this.#t;
    t.failures++;
    const fallback = (options?.fallback ?? this.#o.fallback) as Fallback | undefined;
    if (fallback === undefined) throw error;
    const c = classification ?? this.classify(error);
    if (c.kind === 'cancelled') throw error;
    t.fallbacks++;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: only skips building the event when nobody listens (emit to no listener is a no-op)
    if (t.fallbackE.size > 0) t.fallbackE.emit({ dependency: this.#name, error, classification: c });
    const record = options?.[CALL_RECORD];
    if (record !== undefined) record.replaced = error;
    return fallback(error, { dependency: this.#name, classification: c, attempts }) as T | F | Promise<T | F>;
  }

  /** The fast path's refusal: a rejection (no throw to unwind, no unhandled-rejection tracking) unless a fallback answers. */
  refusal<T>(error: DependencyDownError, options: InternalOptions<T> | undefined): Promise<T | F> {
    if (options?.fallback === undefined && this.#o.fallback === undefined) {
      this.#t.rejected++;
      this.#t.failures++;
      return rejectSoon(error);
    }
    return Promise.resolve(this.refuse(error, options));
  }

  /** A refusal inside an async stage (the bulkhead): counted, then failed like any other error. */
  refuse<T>(error: DependencyDownError, options: InternalOptions<T> | undefined): T | F | Promise<T | F> {
    this.#t.rejected++;
    return this.fail(error, 0, options);
  }

  /** A refusal because the circuit is open (or isolated, or its probes are in flight). */
  openError(retryAfterMs: number, detail = 'circuit open'): DependencyDownError {
    const name = this.#name;
    return stackless(
      () =>
        new DependencyDownError(`${name}: ${detail}`, {
          dependency: name,
          reason: 'circuit-open',
          // Never "at once" (probes in flight), never centuries (isolated): within [1 s, 120 s].
          retryAfterMs: clampRetryAfterMs(
            retryAfterMs === Number.POSITIVE_INFINITY ? MAX_RETRY_AFTER_MS : retryAfterMs,
            MIN_RETRY_HINT_MS,
          ),
        }),
    );
  }

  /** The call ran out of its total time or hit a deadline. */
  timeoutError(attempts: number, kind: 'total' | 'deadline', cause: unknown): TransientError {
    const what = kind === 'total' ? `total timeout of ${this.#o.totalMs} ms` : 'the deadline';
    return new TransientError(`${this.#name}: ${what} reached after ${attempts} attempt(s)`, {
      dependency: this.#name,
      reason: 'timeout',
      code: 'ETIMEDOUT',
      // Stryker disable next-line ConditionalExpression: TransientError leaves an undefined cause out itself (no own cause key either way)
      ...(cause === undefined ? {} : { cause }),
    });
  }

  /**
   * Counts and reports a timeout of attempt `attempt`, and builds the error an attempt timeout throws.
   * A bound property, built once: an attempt passes it on without a closure of its own.
   */
  readonly timedOut = (
    attempt: number,
    timeoutMs: number,
    kind: 'attempt' | 'total' | 'deadline',
  ): unknown => {
    const t = this.#t;
    t.timeouts++;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: only skips building the event when nobody listens (emit to no listener is a no-op)
    if (t.timeoutE.size > 0) t.timeoutE.emit({ dependency: this.#name, attempt, kind, timeoutMs });
    return new TransientError(`${this.#name}: attempt ${attempt} timed out after ${timeoutMs} ms`, {
      dependency: this.#name,
      reason: 'timeout',
      code: 'ETIMEDOUT',
    });
  };
}
