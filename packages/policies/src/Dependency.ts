// The handle `wrapDependency` returns: what a service calls its dependency through.

import type { IDisposable } from 'cockatiel';
import type {
  BreakEvent,
  BudgetExhaustedEvent,
  CooldownEvent,
  DependencyEvent,
  FallbackEvent,
  GiveUpEvent,
  RateLimitedEvent,
  RetryEvent,
  StateEvent,
  TimeoutEvent,
} from './DependencyEvents.js';
import type { FallbackContext } from './options/DependencyOptions.js';
import type { ProtectOptions } from './sdk/ProtectOptions.js';
import type { ProtectableClient } from './sdk/SdkClient.js';

export type {
  BreakEvent,
  BudgetExhaustedEvent,
  CooldownEvent,
  DependencyEvent,
  FallbackEvent,
  GiveUpEvent,
  GiveUpReason,
  RateLimitedEvent,
  RetryEvent,
  StateEvent,
  TimeoutEvent,
} from './DependencyEvents.js';

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
