// The payloads of a dependency's events (`onRetry`, `onGiveUp`, `onBreak`, ...) and the subscription type.

import type { Classification } from '@bulwark/errors';
import type { IDisposable } from 'cockatiel';

/**
 * `onRetry` payload: an attempt failed and another will follow after `delayMs`.
 *
 * @example
 * ```ts
 * import { wrapDependency, type RetryEvent } from '@bulwark/policies';
 * wrapDependency('edna').onRetry((e: RetryEvent) => console.log(e.attempt, e.delayMs, e.classification.reason));
 * ```
 */
export interface RetryEvent {
  readonly dependency: string;
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
  readonly classification: Classification;
}

/**
 * Why a retryable failure was not retried.
 *
 * @example
 * ```ts
 * import type { GiveUpReason } from '@bulwark/policies';
 * const reason: GiveUpReason = 'budget';
 * ```
 */
export type GiveUpReason = 'max-attempts' | 'budget' | 'deadline' | 'circuit-open';

/**
 * `onGiveUp` payload: a retryable failure ends the call.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * wrapDependency('edna').onGiveUp(({ attempts, reason }) => console.log(`gave up after ${attempts}: ${reason}`));
 * ```
 */
export interface GiveUpEvent {
  readonly dependency: string;
  readonly attempts: number;
  readonly reason: GiveUpReason;
  readonly error: unknown;
  readonly classification: Classification;
  /**
   * Set when the dependency's Retry-After did not fit the call's remaining time (`reason: 'deadline'`):
   * the call gave up at once instead of retrying early; try again after this many ms.
   */
  readonly retryAfterMs?: number;
}

/**
 * `onBreak` payload: the circuit opened (or was isolated by hand).
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * wrapDependency('edna').onBreak(({ retryAfterMs }) => console.log(`open for ${retryAfterMs} ms`));
 * ```
 */
export interface BreakEvent {
  readonly dependency: string;
  readonly state: 'open' | 'isolated';
  /** Time until probes are let through (`Infinity` while isolated). */
  readonly retryAfterMs: number;
  /** What tripped it: `'failures'` or `'slow-calls'` (absent when isolated). */
  readonly trigger?: 'failures' | 'slow-calls';
  /** True when the breaker is in shadow mode: the circuit opened on paper, calls still go through. */
  readonly shadow?: true;
  /** The failure that tripped it, if one did. */
  readonly error?: unknown;
}

/**
 * `onHalfOpen` / `onReset` payload.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * wrapDependency('edna').onReset(({ dependency }) => console.log(`${dependency} closed again`));
 * ```
 */
export interface StateEvent {
  readonly dependency: string;
}

/**
 * `onTimeout` payload. `kind` says which bound fired: the attempt timeout, the total timeout, or the
 * caller's deadline (`deadline`/`withDeadline`).
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * wrapDependency('edna').onTimeout(({ kind, timeoutMs }) => console.log(`${kind} timeout after ${timeoutMs} ms`));
 * ```
 */
export interface TimeoutEvent {
  readonly dependency: string;
  readonly attempt: number;
  readonly kind: 'attempt' | 'total' | 'deadline';
  /** The time the attempt was allowed. */
  readonly timeoutMs: number;
}

/**
 * `onFallback` payload.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * wrapDependency('edna', { fallback: () => [] }).onFallback(({ classification }) => console.log(classification.reason));
 * ```
 */
export interface FallbackEvent {
  readonly dependency: string;
  readonly error: unknown;
  readonly classification: Classification;
}

/**
 * `onCooldown` payload: the dependency pushed back (a 429 or AWS throttling with a Retry-After), and every
 * call now holds for `retryAfterMs` (capped at `cooldown.maxMs`).
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * wrapDependency('edna').onCooldown(({ retryAfterMs }) => console.log(`edna: holding calls ${retryAfterMs} ms`));
 * ```
 */
export interface CooldownEvent {
  readonly dependency: string;
  readonly retryAfterMs: number;
}

/**
 * `onRateLimited` payload: the rate limiter refused a call (no token within its wait; `retryAfterMs` is
 * when one would be free), or adaptive throttling refused it locally.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { rateLimit: { perSecond: 45 } });
 * edna.onRateLimited(({ retryAfterMs }) => console.log(`edna: over its rate, next token in ${retryAfterMs} ms`));
 * ```
 */
export interface RateLimitedEvent {
  readonly dependency: string;
  readonly retryAfterMs: number;
  /** Which stage refused: the token bucket (`rateLimit`) or adaptive throttling (`adaptiveThrottle`). */
  readonly by: 'rate-limit' | 'adaptive-throttle';
}

/**
 * `onBudgetExhausted` payload: a retry was refused by the retry budget; the real error is thrown.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * wrapDependency('edna').onBudgetExhausted(({ attempt }) => console.log(`no budget after attempt ${attempt}`));
 * ```
 */
export interface BudgetExhaustedEvent {
  readonly dependency: string;
  readonly attempt: number;
  readonly error: unknown;
}

/**
 * Subscribes a listener; `dispose()` unsubscribes it. A listener never changes a call's outcome: what it
 * throws, and a promise it returns that rejects, are caught and logged once through the dependency's
 * logger (`'dependency event listener failed'`, with the event's name and the serialized error).
 *
 * @example
 * ```ts
 * import { wrapDependency, type DependencyEvent, type RetryEvent } from '@bulwark/policies';
 * const onRetry: DependencyEvent<RetryEvent> = wrapDependency('edna').onRetry;
 * onRetry(() => {}).dispose();
 * ```
 */
export type DependencyEvent<E> = (listener: (event: E) => void) => IDisposable;
