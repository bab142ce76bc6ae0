// The chain behind every Dependency, outside in: shared state -> open-circuit fast path -> bulkhead ->
// total timeout -> retry -> circuit breaker (cockatiel) -> attempt timeout (runAttempt) -> the call.
//
// Retry is a lean loop rather than cockatiel's retry(), for behaviour first and cost second. cockatiel's
// retry waits out its backoff even after the caller aborts, has no hook to refuse a retry that cannot
// finish before the deadline or that the retry budget forbids (its DelegateBackoff only sees the result),
// and counts `maxAttempts` as retries. Cost, measured here (Node 24, 200k awaited calls of an async
// no-op): cockatiel retry() alone adds ~0.15 µs, and wrap(timeout, retry, breaker) 8.0 µs against a bare
// 0.07 µs; this loop adds one Date.now() and a few branches. The backoff curves stay cockatiel's
// generators, the breakers stay cockatiel's (ConsecutiveBreaker, CountBreaker, SamplingBreaker with
// halfOpenSampling), and so does the bulkhead.
//
// The open-circuit path never enters cockatiel: onBreak records when the circuit may half-open, and a
// call before then is refused with a stackless DependencyDownError (cockatiel's BrokenCircuitError costs
// ~4.5 µs, mostly its stack trace), delivered by rejectSoon rather than Promise.reject (see there).

import {
  type Classification,
  clampRetryAfterMs,
  DependencyDownError,
  MAX_RETRY_AFTER_MS,
  MIN_RETRY_HINT_MS,
  optionError,
  PermanentError,
  readOptions,
  TransientError,
} from '@bulwark/errors';
import {
  type BulkheadPolicy,
  CircuitState,
  bulkhead as cockatielBulkhead,
  EventEmitter,
  type IBackoff,
  type IDisposable,
  isBrokenCircuitError,
  isBulkheadRejectedError,
  isTaskCancelledError,
} from 'cockatiel';
import { type BuiltBreaker, createBreaker } from './breaker/createBreaker.js';
import type {
  BreakEvent,
  BudgetExhaustedEvent,
  Dependency,
  DependencyEvent,
  DependencyState,
  DependencyStats,
  ExecuteContext,
  ExecuteOptions,
  FallbackEvent,
  FetchOptions,
  GiveUpEvent,
  GiveUpReason,
  RetryEvent,
  StateEvent,
  TimeoutEvent,
} from './Dependency.js';
import { currentDeadlines, deadlineAt } from './deadline/withDeadline.js';
import { guarded, listenerReporter } from './events/guardListener.js';
import { checkExecuteOptions } from './options/checkExecuteOptions.js';
import type { DeadlineSource, DependencyLogger, FallbackContext } from './options/DependencyOptions.js';
import type { NormalizedOptions } from './options/normalizeOptions.js';
import { SINGLE_ATTEMPT } from './options/singleAttempt.js';
import { createBackoff, retryDelay } from './retry/backoff.js';
import { RetryBudget } from './retry/RetryBudget.js';
import type { ProtectOptions } from './sdk/ProtectOptions.js';
import { protectClient } from './sdk/protectClient.js';
import type { ProtectableClient } from './sdk/SdkClient.js';
import { fleetRetryAfterMs } from './sharedState/fleetRetryAfter.js';
import { boundBody, rebuildable, withSameIdentity } from './timeout/boundBody.js';
import { callEnded, callStarted } from './timeout/keepAlive.js';
import { type CallState, Interrupted, runAttempt } from './timeout/runAttempt.js';
import { waitBounded } from './timeout/waitBounded.js';

type Fallback = (error: unknown, context: FallbackContext) => unknown;

interface InternalOptions<T> extends ExecuteOptions<T> {
  /** A request body that cannot be replayed allows one attempt only. */
  readonly [SINGLE_ATTEMPT]?: true;
}

const NO_ERROR = Symbol('none');

interface CallRun extends CallState {
  unlisten: (() => void) | undefined;
}

interface Bounds {
  endAt: number;
  endKind: 'total' | 'deadline';
  signals: AbortSignal[] | undefined;
}

/** Errors on the fast paths carry no stack: it would only point into this file, and costs ~2 µs. */
function stackless<E extends Error>(make: () => E): E {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const SETTLED = Promise.resolve();

/**
 * A promise that rejects with `error` one microtask from now, once the caller has attached its handler
 * (`await`, `.catch`). `Promise.reject` would enter Node's unhandled-rejection tracking (a hook into JS, a
 * map entry) and the late handler would take it out again: ~0.5-1 µs here, more than the rest of the
 * refusal. A promise nobody handles still rejects unhandled, as before.
 */
function rejectSoon<T>(error: unknown): Promise<T> {
  return new Promise<T>((_, reject) => {
    SETTLED.then(() => reject(error));
  });
}

function describeTarget(input: string | URL | Request): string {
  try {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return `${url.origin}${url.pathname}`; // never the query: it may hold secrets
  } catch {
    return 'the request';
  }
}

export class PolicyChain<F> implements Dependency<F> {
  readonly name: string;
  readonly #o: NormalizedOptions;
  #breaker: BuiltBreaker | undefined;
  #breakerListeners: IDisposable[] = [];
  /** Epoch ms before which calls are refused locally; Infinity while isolated; 0 when not open. */
  #openUntil = 0;
  #halfOpenAdmitted = 0;
  #forcedClosed = false;
  #isolations = 0;
  readonly #budget: RetryBudget | undefined;
  readonly #bulkhead: BulkheadPolicy | undefined;
  #sharedReady: Promise<void> | true | undefined;
  readonly #abortReason: TransientError;
  #lastError: unknown = NO_ERROR;
  #lastClass: Classification | undefined;

  #calls = 0;
  #successes = 0;
  #failures = 0;
  #attempts = 0;
  #retries = 0;
  #rejected = 0;
  #timeouts = 0;
  #fallbacks = 0;
  #budgetExhausted = 0;
  #inFlight = 0;

  readonly #retryE = new EventEmitter<RetryEvent>();
  readonly #giveUpE = new EventEmitter<GiveUpEvent>();
  readonly #breakE = new EventEmitter<BreakEvent>();
  readonly #halfOpenE = new EventEmitter<StateEvent>();
  readonly #resetE = new EventEmitter<StateEvent>();
  readonly #timeoutE = new EventEmitter<TimeoutEvent>();
  readonly #fallbackE = new EventEmitter<FallbackEvent>();
  readonly #budgetE = new EventEmitter<BudgetExhaustedEvent>();
  readonly onRetry: DependencyEvent<RetryEvent>;
  readonly onGiveUp: DependencyEvent<GiveUpEvent>;
  readonly onBreak: DependencyEvent<BreakEvent>;
  readonly onHalfOpen: DependencyEvent<StateEvent>;
  readonly onReset: DependencyEvent<StateEvent>;
  readonly onTimeout: DependencyEvent<TimeoutEvent>;
  readonly onFallback: DependencyEvent<FallbackEvent>;
  readonly onBudgetExhausted: DependencyEvent<BudgetExhaustedEvent>;

  /** `logger` is where listener failures are reported (undefined: nowhere). */
  constructor(options: NormalizedOptions, logger?: DependencyLogger) {
    this.#o = options;
    this.name = options.name;
    const report = listenerReporter(options.name, logger);
    this.onRetry = guarded(this.#retryE, `${options.name}.onRetry`, report);
    this.onGiveUp = guarded(this.#giveUpE, `${options.name}.onGiveUp`, report);
    this.onBreak = guarded(this.#breakE, `${options.name}.onBreak`, report);
    this.onHalfOpen = guarded(this.#halfOpenE, `${options.name}.onHalfOpen`, report);
    this.onReset = guarded(this.#resetE, `${options.name}.onReset`, report);
    this.onTimeout = guarded(this.#timeoutE, `${options.name}.onTimeout`, report);
    this.onFallback = guarded(this.#fallbackE, `${options.name}.onFallback`, report);
    this.onBudgetExhausted = guarded(this.#budgetE, `${options.name}.onBudgetExhausted`, report);
    this.#budget = options.budget ? new RetryBudget(options.budget) : undefined;
    this.#bulkhead = options.bulkhead
      ? cockatielBulkhead(options.bulkhead.limit, options.bulkhead.queue)
      : undefined;
    // Built once: aborting with a ready reason skips the DOMException abort() would build.
    this.#abortReason = stackless(
      () =>
        new TransientError(`${options.name}: attempt timed out`, {
          dependency: options.name,
          reason: 'timeout',
          code: 'ETIMEDOUT',
        }),
    );
    this.#buildBreaker();
  }

  get state(): DependencyState {
    const shared = this.#sharedDocState();
    if (shared === 'open' || shared === 'forced-open') return 'open';
    if (shared === 'forced-closed') return 'closed';
    if (this.#isolations > 0 || this.#openUntil === Number.POSITIVE_INFINITY) return 'isolated';
    const breaker = this.#breaker?.policy;
    if (!breaker) return 'closed';
    switch (breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Isolated:
        return 'isolated';
      default:
        // cockatiel moves Open -> HalfOpen lazily on the next call; report what that call will find.
        return Date.now() < this.#openUntil ? 'open' : 'half-open';
    }
  }

  stats(): DependencyStats {
    return {
      name: this.name,
      state: this.state,
      calls: this.#calls,
      successes: this.#successes,
      failures: this.#failures,
      attempts: this.#attempts,
      retries: this.#retries,
      rejected: this.#rejected,
      timeouts: this.#timeouts,
      fallbacks: this.#fallbacks,
      budgetExhausted: this.#budgetExhausted,
      budgetAvailable: this.#budget ? this.#budget.available() : Number.POSITIVE_INFINITY,
      inFlight: this.#inFlight,
    };
  }

  isolate(): IDisposable {
    this.#isolations++;
    if (this.#isolations === 1) {
      this.#openUntil = Number.POSITIVE_INFINITY;
      this.#emitBreak({ dependency: this.name, state: 'isolated', retryAfterMs: Number.POSITIVE_INFINITY });
    }
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        if (--this.#isolations === 0) {
          this.#resetBreaker();
        }
      },
    };
  }

  /** Never rejects; bounded by timeout.totalMs (and any deadline in scope) whatever the state's ready() does. */
  ready(): Promise<void> {
    if (this.#o.sharedState === undefined) return Promise.resolve();
    return this.#awaitShared(Date.now(), undefined).catch(() => undefined);
  }

  execute<T>(fn: (context: ExecuteContext) => Promise<T> | T, options?: ExecuteOptions<T>): Promise<T | F> {
    if (options !== undefined) {
      try {
        checkExecuteOptions(this.name, options);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.#execute(fn, options);
  }

  #execute<T>(fn: (context: ExecuteContext) => Promise<T> | T, options?: InternalOptions<T>): Promise<T | F> {
    this.#calls++;
    // Not async on purpose: the success path is one attempt promise and one .then, no extra frames.
    if (this.#o.sharedState !== undefined && this.#sharedReady !== true) {
      const start = Date.now();
      return this.#awaitShared(start, options).then(
        () => this.#begin(fn, options, start),
        (error: unknown) => this.#sharedWaitFailed(error, options),
      );
    }
    try {
      return this.#begin(fn, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Everything up to the first attempt, synchronously; throws (the caller sees a rejection) to refuse. */
  #begin<T>(
    fn: (context: ExecuteContext) => Promise<T> | T,
    options: InternalOptions<T> | undefined,
    startedAt?: number,
  ): Promise<T | F> {
    if (this.#o.sharedState !== undefined) {
      const refused = this.#checkShared();
      if (refused) return this.#refusal(refused, options);
    }
    if (this.#openUntil !== 0) {
      const now = Date.now();
      if (now < this.#openUntil) {
        const isolated = this.#openUntil === Number.POSITIVE_INFINITY;
        const error = this.#openError(this.#openUntil - now, isolated ? 'circuit isolated' : 'circuit open');
        return this.#refusal(error, options);
      }
    }
    if (this.#probesExhausted()) {
      return this.#refusal(this.#openError(0, 'half-open, probes in flight'), options);
    }
    const signal = options?.signal;
    if (signal?.aborted) {
      this.#failures++;
      throw signal.reason;
    }
    if (typeof fn !== 'function') {
      throw optionError(`${this.name}.execute`, 'fn', fn, 'a function');
    }
    const start = startedAt ?? Date.now();
    const bounds = this.#bounds(start);
    if (this.#bulkhead !== undefined) return this.#bulkheaded(fn, options, start, bounds);
    return this.#run(fn, options, start, bounds);
  }

  fetch(
    input: string | URL | Request,
    init?: RequestInit,
    fetchOptions?: FetchOptions,
  ): Promise<Response | F> {
    let bufferBody = false;
    if (fetchOptions !== undefined) {
      try {
        const read = readOptions(`${this.name}.fetch`, fetchOptions, ['bufferBody']);
        if (read.bufferBody !== undefined && typeof read.bufferBody !== 'boolean') {
          throw optionError(`${this.name}.fetch`, 'bufferBody', read.bufferBody, 'a boolean');
        }
        bufferBody = read.bufferBody === true;
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const isRequest = input instanceof Request;
    const callerSignal = init?.signal ?? (isRequest ? input.signal : undefined);
    const body = init?.body ?? undefined;
    // A stream can be read once: such a call gets one attempt. A Request is cloned per attempt.
    const replayable = !(body instanceof ReadableStream);
    const method = (init?.method ?? (isRequest ? input.method : 'GET')).toUpperCase();
    const name = this.name;
    const classify = this.#o.classify;
    const attemptFetch = async ({ signal }: ExecuteContext): Promise<Response> => {
      const request = isRequest ? input.clone() : input;
      const response = await fetch(request, init === undefined ? { signal } : { ...init, signal });
      if (response.status < 400) {
        if (!bufferBody || response.body === null || !rebuildable(response)) return response;
        // Read inside the attempt: its timeout covers the body, and a stalled body is retried.
        const bytes = await response.arrayBuffer();
        const init = { status: response.status, statusText: response.statusText, headers: response.headers };
        return withSameIdentity(new Response(bytes, init), response);
      }
      const c = classify(response);
      // Release the failed attempt's body now, or its socket stays checked out until GC.
      await response.body?.cancel().catch(() => undefined);
      const message = `${name}: ${method} ${describeTarget(input)} answered ${response.status}`;
      const details = {
        dependency: name,
        status: response.status,
        reason: c.reason,
        ...(c.retryAfterMs === undefined ? {} : { retryAfterMs: c.retryAfterMs }),
      };
      throw c.kind === 'transient'
        ? new TransientError(message, details)
        : new PermanentError(message, details);
    };
    const options: InternalOptions<Response> = {
      ...(callerSignal ? { signal: callerSignal } : {}),
      ...(replayable ? {} : { [SINGLE_ATTEMPT]: true as const }),
    };
    const bounds = this.#bounds(Date.now());
    const result = this.#execute(attemptFetch, options);
    if (bufferBody) return result;
    // The call is over only once its body is read: the total timeout, deadline and signal bound that too.
    const signals = callerSignal ? [callerSignal, ...(bounds.signals ?? [])] : (bounds.signals ?? []);
    return result.then((value) =>
      value instanceof Response
        ? boundBody(value, bounds.endAt, signals, () => this.#bodyTimeoutError(bounds.endKind))
        : value,
    );
  }

  #bodyTimeoutError(kind: 'total' | 'deadline'): TransientError {
    const what = kind === 'total' ? `total timeout of ${this.#o.totalMs} ms` : 'the deadline';
    return new TransientError(`${this.name}: ${what} reached while the response body was read`, {
      dependency: this.name,
      reason: 'timeout',
      code: 'ETIMEDOUT',
    });
  }

  protect<C extends ProtectableClient>(client: C, options?: ProtectOptions): C {
    const facts = { attemptMs: this.#o.attemptMs, hasFallback: this.#o.fallback !== undefined };
    return protectClient(this, client, options, facts);
  }

  // ---- the retry loop ------------------------------------------------------------------------------

  /** When this call must end (total timeout or the nearest deadline), and which signals can end it early. */
  #bounds(start: number): Bounds {
    const bounds: Bounds = { endAt: start + this.#o.totalMs, endKind: 'total', signals: undefined };
    if (this.#o.deadline !== undefined) this.#consider(bounds, this.#o.deadline, start);
    const scoped = currentDeadlines();
    if (scoped !== undefined) for (const source of scoped) this.#consider(bounds, source, start);
    return bounds;
  }

  #consider(bounds: Bounds, source: DeadlineSource, start: number): void {
    if (source instanceof AbortSignal) {
      bounds.signals ??= [];
      bounds.signals.push(source);
      if (!source.aborted) return;
    }
    const at = deadlineAt(source, start);
    if (at !== undefined && at < bounds.endAt) {
      bounds.endAt = at;
      bounds.endKind = 'deadline';
    }
  }

  /** Starts the first attempt; only a failure enters the (async) retry loop. */
  #run<T>(
    fn: (context: ExecuteContext) => Promise<T> | T,
    options: InternalOptions<T> | undefined,
    start: number,
    bounds: Bounds,
  ): Promise<T | F> {
    const call: CallRun = { interrupt: undefined, stopped: undefined, unlisten: undefined };
    const callerSignal = options?.signal;
    if (callerSignal !== undefined || bounds.signals !== undefined)
      listen(call, callerSignal, bounds.signals);
    this.#inFlight++;
    callStarted();
    if (bounds.endAt <= start) return this.#loop(fn, options, call, bounds, 0, undefined, start);
    return this.#launch(fn, call, 1, start, bounds).then(
      (value) => {
        this.#successes++;
        this.#budget?.recordSuccess();
        this.#inFlight--;
        callEnded();
        call.unlisten?.();
        return value;
      },
      (error: unknown) => this.#loop(fn, options, call, bounds, 1, error, start),
    );
  }

  /** One attempt through the breaker (if any) and the attempt timeout, given the time left. */
  #launch<T>(
    fn: (context: ExecuteContext) => Promise<T> | T,
    call: CallRun,
    attempt: number,
    now: number,
    bounds: Bounds,
  ): Promise<T> {
    let timeoutMs = this.#o.attemptMs;
    let outer: 'total' | 'deadline' | undefined;
    const left = bounds.endAt - now;
    if (left < timeoutMs) {
      timeoutMs = left;
      outer = bounds.endKind;
    }
    this.#attempts++;
    const built = this.#breaker;
    const slow = built?.slow;
    const onSettle = slow
      ? () => slow.record(Date.now() - now, this.#breaker?.policy.state === CircuitState.HalfOpen)
      : undefined;
    const run = (): Promise<T> =>
      runAttempt(
        fn,
        call,
        attempt,
        timeoutMs,
        now + timeoutMs,
        outer,
        this.#abortReason,
        this.#onTimeout(attempt),
        onSettle,
      );
    if (built === undefined) return run();
    const breaker = built.policy;
    const result = breaker.execute(run);
    // cockatiel moved Open -> HalfOpen synchronously inside execute() if this call is a probe.
    if (breaker.state === CircuitState.HalfOpen) this.#halfOpenAdmitted++;
    return result;
  }

  /**
   * Decides about the failure of attempt `failed` (none when 0), then keeps retrying while the
   * classification, maxAttempts, the circuit, the deadline and the budget all allow it.
   */
  async #loop<T>(
    fn: (context: ExecuteContext) => Promise<T> | T,
    options: InternalOptions<T> | undefined,
    call: CallRun,
    bounds: Bounds,
    failed: number,
    firstError: unknown,
    firstStart: number,
  ): Promise<T | F> {
    const o = this.#o;
    const { endAt, endKind } = bounds;
    const maxAttempts = options?.[SINGLE_ATTEMPT] === true ? 1 : o.maxAttempts;
    let backoff: IBackoff<unknown> | undefined;
    let lastError: unknown;
    let attempt = failed;
    let caught = firstError;
    let attemptStart = firstStart;
    try {
      for (;;) {
        if (attempt > 0) {
          let error = caught;
          if (error instanceof Interrupted || call.stopped) {
            const why = error instanceof Interrupted ? error : call.stopped!;
            if (why.kind === 'cancel') {
              this.#failures++;
              throw why.reason;
            }
            // A deadline signal fired mid-attempt (timer-driven bounds already reported themselves).
            if (why === call.stopped) this.#onTimeout(attempt)(Date.now() - attemptStart, why.kind);
            const timeout = this.#timeoutError(attempt, o.totalMs, why.kind, lastError ?? why.reason);
            return await this.#fail(timeout, attempt, options);
          }
          if (isBrokenCircuitError(error) || isTaskCancelledError(error)) {
            // Only on a race with another call's transition: treat as the open circuit it is.
            error = this.#openError(Math.max(0, this.#openUntil - Date.now()));
          }
          lastError = error;
          const c = this.#classify(error);
          if (!c.retryable) return await this.#fail(error, attempt, options, c);
          if (attempt >= maxAttempts) return await this.#giveUp('max-attempts', error, c, attempt, options);
          const afterFailure = Date.now();
          if (this.#openUntil > afterFailure || this.#probesExhausted()) {
            return await this.#giveUp('circuit-open', error, c, attempt, options);
          }
          backoff = backoff ? backoff.next(undefined as never) : createBackoff(o.backoff).next();
          const delayMs = retryDelay(backoff, attempt, c, o.backoff);
          // No retry starts that cannot finish in time: the wait plus as long as this attempt took
          // (at most attemptMs) must fit before the end.
          const needed = delayMs + Math.min(o.attemptMs, Math.max(1, afterFailure - attemptStart));
          if (afterFailure + needed > endAt)
            return await this.#giveUp('deadline', error, c, attempt, options);
          if (this.#budget !== undefined && !this.#budget.tryWithdraw(afterFailure)) {
            this.#budgetExhausted++;
            if (this.#budgetE.size > 0) this.#budgetE.emit({ dependency: this.name, attempt, error });
            return await this.#giveUp('budget', error, c, attempt, options);
          }
          this.#retries++;
          if (this.#retryE.size > 0) {
            this.#retryE.emit({ dependency: this.name, attempt, delayMs, error, classification: c });
          }
          if (delayMs > 0) {
            try {
              await sleep(delayMs, call);
            } catch (why) {
              const stop = why as Interrupted;
              if (stop.kind === 'cancel') {
                this.#failures++;
                throw stop.reason;
              }
              this.#onTimeout(attempt)(Date.now() - attemptStart, stop.kind);
              return await this.#fail(
                this.#timeoutError(attempt, o.totalMs, stop.kind, error),
                attempt,
                options,
              );
            }
          }
        }
        attempt++;
        attemptStart = Date.now();
        if (endAt - attemptStart <= 0) {
          return await this.#fail(
            this.#timeoutError(attempt - 1, o.totalMs, endKind, lastError),
            attempt - 1,
            options,
          );
        }
        try {
          const value = await this.#launch(fn, call, attempt, attemptStart, bounds);
          this.#successes++;
          this.#budget?.recordSuccess();
          return value;
        } catch (error) {
          caught = error;
        }
      }
    } finally {
      this.#inFlight--;
      callEnded();
      call.unlisten?.();
    }
  }

  #onTimeout(attempt: number) {
    return (timeoutMs: number, kind: 'attempt' | 'total' | 'deadline'): unknown => {
      this.#timeouts++;
      if (this.#timeoutE.size > 0) this.#timeoutE.emit({ dependency: this.name, attempt, kind, timeoutMs });
      return new TransientError(`${this.name}: attempt ${attempt} timed out after ${timeoutMs} ms`, {
        dependency: this.name,
        reason: 'timeout',
        code: 'ETIMEDOUT',
      });
    };
  }

  #timeoutError(
    attempts: number,
    totalMs: number,
    kind: 'total' | 'deadline',
    cause: unknown,
  ): TransientError {
    const what = kind === 'total' ? `total timeout of ${totalMs} ms` : 'the deadline';
    return new TransientError(`${this.name}: ${what} reached after ${attempts} attempt(s)`, {
      dependency: this.name,
      reason: 'timeout',
      code: 'ETIMEDOUT',
      ...(cause === undefined ? {} : { cause }),
    });
  }

  #probesExhausted(): boolean {
    const breaker = this.#breaker;
    return (
      breaker !== undefined &&
      breaker.policy.state === CircuitState.HalfOpen &&
      this.#halfOpenAdmitted >= this.#o.breaker!.halfOpenProbes
    );
  }

  #classify(error: unknown): Classification {
    if (error === this.#lastError && this.#lastClass !== undefined) return this.#lastClass;
    let c: Classification;
    try {
      c = this.#o.classify(error);
    } catch {
      c = {
        kind: 'permanent',
        reason: 'unknown',
        retryable: false,
        countsTowardBreaker: false,
        httpStatus: 500,
        message: 'the classifier failed',
      };
    }
    this.#lastError = error;
    this.#lastClass = c;
    return c;
  }

  #giveUp<T>(
    reason: GiveUpReason,
    error: unknown,
    classification: Classification,
    attempts: number,
    options: InternalOptions<T> | undefined,
  ): T | F | Promise<T | F> {
    if (this.#giveUpE.size > 0) {
      this.#giveUpE.emit({ dependency: this.name, attempts, reason, error, classification });
    }
    return this.#fail(error, attempts, options, classification);
  }

  /** The call failed for good: fallback if there is one, else throw the error. */
  #fail<T>(
    error: unknown,
    attempts: number,
    options: InternalOptions<T> | undefined,
    classification?: Classification,
  ): T | F | Promise<T | F> {
    this.#failures++;
    const fallback = (options?.fallback ?? this.#o.fallback) as Fallback | undefined;
    if (fallback === undefined) throw error;
    const c = classification ?? this.#classify(error);
    if (c.kind === 'cancelled') throw error;
    this.#fallbacks++;
    if (this.#fallbackE.size > 0) this.#fallbackE.emit({ dependency: this.name, error, classification: c });
    return fallback(error, { dependency: this.name, classification: c, attempts }) as T | F | Promise<T | F>;
  }

  /** The fast path's refusal: a rejection (no throw to unwind, no unhandled-rejection tracking) unless a fallback answers. */
  #refusal<T>(error: DependencyDownError, options: InternalOptions<T> | undefined): Promise<T | F> {
    if (options?.fallback === undefined && this.#o.fallback === undefined) {
      this.#rejected++;
      this.#failures++;
      return rejectSoon(error);
    }
    return Promise.resolve(this.#refuse(error, options));
  }

  #refuse<T>(error: DependencyDownError, options: InternalOptions<T> | undefined): T | F | Promise<T | F> {
    this.#rejected++;
    return this.#fail(error, 0, options);
  }

  #openError(retryAfterMs: number, detail = 'circuit open'): DependencyDownError {
    return stackless(
      () =>
        new DependencyDownError(`${this.name}: ${detail}`, {
          dependency: this.name,
          reason: 'circuit-open',
          // Never "at once" (probes in flight), never centuries (isolated): within [1 s, 120 s].
          retryAfterMs: clampRetryAfterMs(
            retryAfterMs === Number.POSITIVE_INFINITY ? MAX_RETRY_AFTER_MS : retryAfterMs,
            MIN_RETRY_HINT_MS,
          ),
        }),
    );
  }

  // ---- bulkhead --------------------------------------------------------------------------------------

  #bulkheadFullError(): DependencyDownError {
    return stackless(
      () =>
        new DependencyDownError(`${this.name}: bulkhead full`, {
          dependency: this.name,
          reason: 'bulkhead-full',
        }),
    );
  }

  async #bulkheaded<T>(
    fn: (context: ExecuteContext) => Promise<T> | T,
    options: InternalOptions<T> | undefined,
    start: number,
    bounds: Bounds,
  ): Promise<T | F> {
    const bulkhead = this.#bulkhead!;
    if (bulkhead.executionSlots > 0) return bulkhead.execute(() => this.#run(fn, options, start, bounds));
    if (bulkhead.queueSlots <= 0) {
      return this.#refuse(this.#bulkheadFullError(), options);
    }
    // Queued: the wait counts against the total timeout (and deadline) and ends with the caller's signal.
    const controller = new AbortController();
    // Ref'd: a queued call is in flight, and its timeout must fire even if nothing else keeps Node alive.
    const timer = setTimeout(() => controller.abort(this.#abortReason), Math.max(0, bounds.endAt - start));
    const forward = (): void => controller.abort(options?.signal?.reason);
    options?.signal?.addEventListener('abort', forward, { once: true });
    try {
      return await new Promise<T | F>((resolve, reject) => {
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
        bulkhead
          .execute(() => this.#run(fn, options, start, bounds), controller.signal)
          .then(resolve, reject);
      });
    } catch (error) {
      if (isBulkheadRejectedError(error)) {
        return this.#refuse(this.#bulkheadFullError(), options);
      }
      if (error === this.#abortReason || isTaskCancelledError(error)) {
        if (options?.signal?.aborted) throw options.signal.reason;
        return this.#fail(this.#timeoutError(0, this.#o.totalMs, bounds.endKind, undefined), 0, options);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      options?.signal?.removeEventListener('abort', forward);
    }
  }

  // ---- breaker wiring --------------------------------------------------------------------------------

  #buildBreaker(): void {
    for (const l of this.#breakerListeners) l.dispose();
    this.#breakerListeners = [];
    this.#openUntil = this.#isolations > 0 ? Number.POSITIVE_INFINITY : 0;
    this.#halfOpenAdmitted = 0;
    const options = this.#o.breaker;
    if (options === undefined) {
      this.#breaker = undefined;
      return;
    }
    const built = createBreaker(options, (error) =>
      error instanceof Interrupted ? false : this.#classify(error).countsTowardBreaker,
    );
    this.#breaker = built;
    const { policy, slow } = built;
    this.#breakerListeners.push(
      policy.onBreak((reason) => {
        const retryAfterMs = options.halfOpenAfterMs;
        this.#openUntil = Date.now() + retryAfterMs;
        const trigger = slow?.lastTrigger ?? 'failures';
        slow?.clear();
        this.#emitBreak({
          dependency: this.name,
          state: 'open',
          retryAfterMs,
          trigger,
          ...('error' in reason ? { error: reason.error } : {}),
        });
      }),
      policy.onHalfOpen(() => {
        this.#openUntil = 0;
        this.#halfOpenAdmitted = 0;
        if (this.#halfOpenE.size > 0) this.#halfOpenE.emit({ dependency: this.name });
      }),
      policy.onReset(() => {
        this.#openUntil = 0;
        slow?.clear();
        if (this.#resetE.size > 0) this.#resetE.emit({ dependency: this.name });
      }),
    );
  }

  #emitBreak(event: BreakEvent): void {
    if (this.#breakE.size > 0) this.#breakE.emit(event);
  }

  /** Back to a fresh, closed breaker (operator force-close, end of isolation). */
  #resetBreaker(): void {
    const wasClosed = this.#openUntil === 0 && this.#breaker?.policy.state !== CircuitState.HalfOpen;
    this.#buildBreaker();
    if (!wasClosed && this.#openUntil === 0 && this.#resetE.size > 0)
      this.#resetE.emit({ dependency: this.name });
  }

  // ---- shared (fleet) state --------------------------------------------------------------------------

  /**
   * Waits for the shared state's first read, bounded by this call's own time (total timeout, deadline) and
   * signal whatever the implementation's ready() does. Rejects with an Interrupted when a bound fires.
   */
  #awaitShared<T>(start: number, options: InternalOptions<T> | undefined): Promise<void> {
    this.#sharedReady ??= Promise.resolve()
      .then(() => this.#o.sharedState!.ready())
      .catch(() => undefined)
      .then(() => {
        this.#sharedReady = true;
      });
    const ready = this.#sharedReady;
    if (ready === true) return SETTLED;
    const bounds = this.#bounds(start);
    return waitBounded(ready, bounds.endAt - start, bounds.endKind, options?.signal, bounds.signals, () => {
      // Out of time: later calls stop waiting. Shared state may help, never block.
      this.#sharedReady = true;
    });
  }

  /** The call ran out of time (or was cancelled) while it waited for the shared state. */
  #sharedWaitFailed<T>(why: unknown, options: InternalOptions<T> | undefined): Promise<T | F> {
    const stop = why as Interrupted;
    if (stop.kind === 'cancel') {
      this.#failures++;
      return Promise.reject(stop.reason);
    }
    const kind = stop.kind === 'deadline' ? 'deadline' : 'total';
    try {
      return Promise.resolve(this.#fail(this.#timeoutError(0, this.#o.totalMs, kind, undefined), 0, options));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #sharedDocState(): string | undefined {
    if (this.#o.sharedState === undefined || this.#sharedReady !== true) return undefined;
    try {
      const doc = this.#o.sharedState.current();
      return doc?.dependency === this.name ? doc.state : undefined;
    } catch {
      return undefined;
    }
  }

  #checkShared(): DependencyDownError | undefined {
    let doc: ReturnType<NonNullable<NormalizedOptions['sharedState']>['current']>;
    let hintMs: number | undefined;
    try {
      doc = this.#o.sharedState!.current();
      // Another dependency's document is never obeyed, whatever a custom state lets through.
      if (doc !== undefined && doc.dependency !== this.name) doc = undefined;
      hintMs = doc === undefined ? undefined : this.#o.sharedState!.retryHintMs;
    } catch {
      return undefined; // shared state may help, never hurt
    }
    const state = doc?.state;
    if (doc !== undefined && (state === 'open' || state === 'forced-open')) {
      const retryAfterMs = fleetRetryAfterMs(doc, Date.now(), hintMs);
      return this.#openError(retryAfterMs, `circuit ${state} fleet-wide (shared state)`);
    }
    if (state === 'forced-closed') {
      this.#forcedClosed = true;
      if (this.#openUntil !== 0 || this.#breaker?.policy.state === CircuitState.HalfOpen) {
        if (this.#isolations === 0) this.#resetBreaker();
      }
    } else {
      this.#forcedClosed = false;
    }
    return undefined;
  }

  /** True while an operator holds the fleet's circuit closed. */
  get forcedClosed(): boolean {
    return this.#forcedClosed;
  }
}

/** Ends the call early when the caller's signal or a deadline signal fires. */
function listen(
  call: CallRun,
  callerSignal: AbortSignal | undefined,
  deadlines: AbortSignal[] | undefined,
): void {
  const listeners: [AbortSignal, () => void][] = [];
  const add = (signal: AbortSignal, kind: 'cancel' | 'deadline'): void => {
    const onAbort = (): void => {
      if (call.stopped) return;
      call.stopped = new Interrupted(kind, signal.reason);
      call.interrupt?.(call.stopped);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    listeners.push([signal, onAbort]);
  };
  if (callerSignal !== undefined) add(callerSignal, 'cancel');
  if (deadlines !== undefined) for (const s of deadlines) if (!s.aborted) add(s, 'deadline');
  call.unlisten = () => {
    for (const [s, l] of listeners) s.removeEventListener('abort', l);
  };
}

/** A backoff wait, cut short (rejecting with the Interrupted) if the caller aborts or a deadline fires. */
function sleep(ms: number, call: CallState): Promise<void> {
  if (call.stopped) return Promise.reject(call.stopped);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      call.interrupt = undefined;
      resolve();
    }, ms);
    call.interrupt = (why) => {
      clearTimeout(timer);
      call.interrupt = undefined;
      reject(why);
    };
  });
}
