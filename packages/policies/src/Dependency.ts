// The handle `wrapDependency` returns: what a service calls its dependency through.

import type { Classification } from '@bulwark/errors';
import type { IDisposable } from 'cockatiel';
import type { FallbackContext } from './options/DependencyOptions.js';
import type { ProtectOptions } from './sdk/ProtectOptions.js';
import type { ProtectableClient } from './sdk/SdkClient.js';

/**
 * What the wrapped function is given on each attempt.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna');
 * await edna.execute(({ signal, attempt, deadline }) =>
 *   fetch(`https://edna.internal/orders?attempt=${attempt}&budget=${deadline - Date.now()}`, { signal }),
 * );
 * ```
 */
export interface ExecuteContext {
  /** Aborted when this attempt times out, the whole call times out, the deadline passes or the caller aborts. */
  readonly signal: AbortSignal;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  readonly attempt: number;
  /** Epoch milliseconds by which this attempt must finish (the nearest of every timeout and deadline). */
  readonly deadline: number;
}

/**
 * Per-call options.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna');
 * const controller = new AbortController();
 * await edna.execute(({ signal }) => fetch('https://edna.internal/', { signal }), { signal: controller.signal });
 * ```
 */
export interface ExecuteOptions<T = never> {
  /** The caller's own signal: aborting it ends the call at once, without retry, fallback or breaker count. */
  readonly signal?: AbortSignal;
  /** A fallback for this call only, used instead of the dependency-wide one. */
  readonly fallback?: (error: unknown, context: FallbackContext) => T | Promise<T>;
}

/**
 * The breaker's state. `'half-open'` is also reported once an open circuit's wait is over, since the next
 * call will be let through as a probe. A fleet-wide `open`/`forced-open` shared state reads as `'open'`.
 *
 * @example
 * ```ts
 * import { wrapDependency, type DependencyState } from '@bulwark/policies';
 * const state: DependencyState = wrapDependency('edna').state; // 'closed'
 * ```
 */
export type DependencyState = 'closed' | 'open' | 'half-open' | 'isolated';

/**
 * Counters since construction, and the live state.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const { calls, attempts, rejected } = wrapDependency('edna').stats();
 * ```
 */
export interface DependencyStats {
  readonly name: string;
  readonly state: DependencyState;
  /** Logical calls made through `execute`/`fetch`. */
  readonly calls: number;
  /** Calls that returned a value (fallbacks excluded). */
  readonly successes: number;
  /** Calls that ended in an error or a fallback. */
  readonly failures: number;
  /** Attempts that reached the dependency. */
  readonly attempts: number;
  /** Retries made (attempts after the first). */
  readonly retries: number;
  /** Calls rejected without reaching the dependency (open circuit, shared open state, full bulkhead). */
  readonly rejected: number;
  /** Attempt and total timeouts that fired. */
  readonly timeouts: number;
  /** Fallback values returned. */
  readonly fallbacks: number;
  /** Retries refused by the retry budget. */
  readonly budgetExhausted: number;
  /** Retries the budget would allow right now (`Infinity` without a budget). */
  readonly budgetAvailable: number;
  /** Calls in flight. */
  readonly inFlight: number;
  /** Cooldowns started or lengthened by a throttling answer with a Retry-After (see `cooldown`). */
  readonly cooldowns: number;
  /** Calls that waited (for a cooldown to pass, or for a rate-limit token) before their first attempt. */
  readonly held: number;
  /** Calls the rate limiter or adaptive throttling refused (also counted in `rejected`). */
  readonly rateLimited: number;
}

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
 * Per-call options of {@link Dependency.fetch}.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { timeout: { attemptMs: 2_000, totalMs: 6_000 } });
 * // The body is read inside the attempt: a body that stalls is an attempt timeout, and is retried.
 * const res = await edna.fetch('https://edna.internal/orders', undefined, { bufferBody: true });
 * ```
 */
export interface FetchOptions {
  /**
   * Read the whole body inside the attempt, so the attempt timeout covers it and a body that stalls or
   * breaks off is a transient failure that is retried. The returned `Response` holds the bytes in memory.
   * Without it the body streams to the caller, bounded by the call's total timeout, deadline and signal.
   * @defaultValue false
   */
  readonly bufferBody?: boolean;
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

/**
 * One hardened handle per outbound dependency. `F` is what its fallback may return.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { timeout: { attemptMs: 2_000, totalMs: 5_000 } });
 * const order = await edna.execute(async ({ signal }) => {
 *   const res = await fetch('https://edna.internal/orders/42', { signal });
 *   return (await res.json()) as { id: string };
 * });
 * const res = await edna.fetch('https://edna.internal/orders/42'); // 5xx/429 retried, 4xx thrown as PermanentError
 * ```
 */
export interface Dependency<F = never> {
  readonly name: string;
  /** Runs `fn` through the chain: total timeout -> retry -> breaker -> attempt timeout -> `fn`. */
  execute<T>(fn: (context: ExecuteContext) => Promise<T> | T, options?: ExecuteOptions<T>): Promise<T | F>;
  /**
   * `fetch` through the chain. A response whose status `classify()` calls a failure (5xx, 408, 429, 4xx) is
   * thrown as a `TransientError` or `PermanentError` carrying `status` and `retryAfterMs`, after its body
   * is released; 1xx-3xx responses are returned with their status, headers and url. `init.signal` is the
   * caller's signal.
   *
   * What is bounded: every attempt up to its response headers by `timeout.attemptMs`; the whole call by
   * `timeout.totalMs`, any deadline and `init.signal`, and that includes reading the returned body: once
   * the call's time runs out, a body still being read errors with a timeout `TransientError` (or the
   * signal's reason). A body that has fully arrived in time (read ahead up to 1 MiB) can be read later. With
   * `{ bufferBody: true }` the body is read inside the attempt instead (see {@link FetchOptions}).
   */
  fetch(input: string | URL | Request, init?: RequestInit, options?: FetchOptions): Promise<Response | F>;
  /**
   * Puts an AWS SDK v3 client behind this dependency and returns it (same object, same types): every
   * `send` runs through the chain, each attempt is exactly one HTTP request (the SDK's own retries are
   * off for this client), and each attempt's signal and timeout reach the socket. One client belongs to
   * one dependency unless `options.commands` maps commands; a second protect is a `TypeError`. Only for a
   * dependency without a fallback (a send must resolve to its command's output).
   *
   * @example
   * ```ts
   * import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
   * import { wrapDependency } from '@bulwark/policies';
   * const ddb = wrapDependency('orders-table').protect(new DynamoDBClient({}));
   * await ddb.send(new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 'order#42' } } }));
   * ```
   */
  protect<C extends ProtectableClient>(this: Dependency<never>, client: C, options?: ProtectOptions): C;
  /** The breaker's state now. */
  readonly state: DependencyState;
  /** A snapshot of counters and state. */
  stats(): DependencyStats;
  /** Holds the circuit open by hand until the returned handle is disposed (never shared fleet-wide). */
  isolate(): IDisposable;
  /**
   * Resolves once the `sharedState`'s first read has answered, failed or timed out (bounded by the state,
   * e.g. `ssmBreakerState`'s `refreshTimeoutMs + readTimeoutMs`, and in any case by `timeout.totalMs`); at
   * once without `sharedState`. Never rejects. Await it at init (top-level await in an ESM handler) so even the first call of a cold
   * instance follows a fleet-wide `open`/`forced-open`; a call that arrives first awaits it anyway.
   *
   * @example
   * ```ts
   * import { ssmBreakerState, wrapDependency } from '@bulwark/policies';
   * export const edna = wrapDependency('edna', {
   *   sharedState: ssmBreakerState({ parameterName: '/bulwark/breakers/edna' }),
   * });
   * await edna.ready(); // in Lambda's init phase, before the first event
   * ```
   */
  ready(): Promise<void>;
  readonly onRetry: DependencyEvent<RetryEvent>;
  readonly onGiveUp: DependencyEvent<GiveUpEvent>;
  readonly onBreak: DependencyEvent<BreakEvent>;
  readonly onHalfOpen: DependencyEvent<StateEvent>;
  readonly onReset: DependencyEvent<StateEvent>;
  readonly onTimeout: DependencyEvent<TimeoutEvent>;
  readonly onFallback: DependencyEvent<FallbackEvent>;
  readonly onBudgetExhausted: DependencyEvent<BudgetExhaustedEvent>;
  /** A cooldown after pushback started or grew longer. */
  readonly onCooldown: DependencyEvent<CooldownEvent>;
  /** The rate limiter refused a call. */
  readonly onRateLimited: DependencyEvent<RateLimitedEvent>;
}
