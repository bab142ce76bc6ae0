// The chain behind every Dependency: the stages, built once from the options, in a fixed order.
//
//   gates (sync, before any time is spent): shared state -> open circuit
//   bulkhead (when configured) -> total timeout / deadline -> retry -> breaker (when configured)
//   -> attempt timeout -> the call
//
// Each stage is one file under stages/ and decides one thing; this file only wires them and keeps
// Dependency's public API. A stage that is not configured is not in the list (a gate) or not in the
// composition (bulkhead, breaker), so it costs nothing on the call path. Telemetry (counters, events) has
// one owner, telemetry/Telemetry.ts (its subscriptions are handed out by telemetry/EventSubscriptions.ts);
// how a failing call ends (fallback, refusal) is pipeline/Outcome.ts.

import { optionError, TransientError } from '@bulwark/errors';
import type { IDisposable } from 'cockatiel';
import type {
  Dependency,
  DependencyState,
  DependencyStats,
  ExecuteContext,
  ExecuteOptions,
  FetchOptions,
} from './Dependency.js';
import { type FetchHost, fetchThrough } from './fetch/fetchAdapter.js';
import { checkExecuteOptions } from './options/checkExecuteOptions.js';
import type { DependencyLogger } from './options/DependencyOptions.js';
import type { NormalizedOptions } from './options/normalizeOptions.js';
import { type Bounds, type InternalOptions, latestStart, stackless } from './pipeline/call.js';
import type { Gate } from './pipeline/Gate.js';
import { Outcome } from './pipeline/Outcome.js';
import { RetryBudget } from './retry/RetryBudget.js';
import type { ProtectOptions } from './sdk/ProtectOptions.js';
import { protectClient } from './sdk/protectClient.js';
import type { ProtectableClient } from './sdk/SdkClient.js';
import { AdaptiveThrottle } from './stages/adaptiveThrottle.js';
import { attemptLauncher } from './stages/attemptTimeout.js';
import { BreakerStage } from './stages/breaker.js';
import { BulkheadStage } from './stages/bulkhead.js';
import { CooldownStage } from './stages/cooldown.js';
import { OpenCircuitGate } from './stages/openCircuitGate.js';
import { RateLimitStage } from './stages/rateLimit.js';
import { RetryStage } from './stages/retry.js';
import { SharedStateGate } from './stages/sharedStateGate.js';
import { TotalTimeout } from './stages/totalTimeout.js';
import type { CallObserver } from './telemetry/callObserver.js';
import { EventSubscriptions } from './telemetry/EventSubscriptions.js';
import { observeCall } from './telemetry/observeCall.js';
import { OtelRecorder, otelActive, otelEnabled } from './telemetry/otel.js';
import { Telemetry } from './telemetry/Telemetry.js';

export class PolicyChain<F> extends EventSubscriptions implements Dependency<F> {
  readonly name: string;
  readonly #o: NormalizedOptions;
  readonly #t: Telemetry;
  readonly #outcome: Outcome<F>;
  readonly #budget: RetryBudget | undefined;
  readonly #breaker: BreakerStage;
  readonly #shared: SharedStateGate | undefined;
  /** The configured gates, in order. */
  readonly #gates: readonly Gate[];
  readonly #bulkhead: BulkheadStage<F> | undefined;
  readonly #total: TotalTimeout;
  readonly #cooldown: CooldownStage | undefined;
  readonly #rateLimit: RateLimitStage | undefined;
  readonly #retry: RetryStage<F>;
  readonly #fetchHost: FetchHost<F>;
  /** Told each call's duration and outcome; undefined (nothing measured) unless metrics or tracing want it. */
  #observer: CallObserver | undefined;

  /** `logger` is where listener failures are reported (undefined: nowhere). */
  constructor(options: NormalizedOptions, logger?: DependencyLogger) {
    const name = options.name;
    const t = new Telemetry(name, logger);
    super(t);
    this.name = name;
    this.#o = options;
    this.#t = t;
    if (otelEnabled()) t.otel = new OtelRecorder(name, () => this.state);

    const outcome = new Outcome<F>(options, t);
    this.#outcome = outcome;
    // Built once: aborting with a ready reason skips the DOMException abort() would build.
    const abortReason = stackless(
      () =>
        new TransientError(`${name}: attempt timed out`, {
          dependency: name,
          reason: 'timeout',
          code: 'ETIMEDOUT',
        }),
    );
    this.#budget = options.budget ? new RetryBudget(options.budget) : undefined;
    this.#breaker = new BreakerStage(
      name,
      options.breaker,
      (error) => outcome.classify(error).countsTowardBreaker,
      t,
    );
    this.#total = new TotalTimeout(options.totalMs, options.deadline);
    this.#shared =
      options.sharedState === undefined
        ? undefined
        : new SharedStateGate(name, options.sharedState, this.#breaker, outcome, this.#total);
    // The open-circuit gate is always there: isolate() needs it even without a breaker.
    const gates: Gate[] = [];
    if (this.#shared !== undefined) gates.push(this.#shared);
    gates.push(new OpenCircuitGate(this.#breaker, outcome));
    const adaptive = options.adaptiveThrottle
      ? new AdaptiveThrottle(name, options.adaptiveThrottle, t)
      : undefined;
    if (adaptive !== undefined) gates.push(adaptive);
    this.#gates = gates;
    this.#bulkhead = options.bulkhead
      ? new BulkheadStage(name, options.bulkhead.limit, options.bulkhead.queue, outcome, abortReason)
      : undefined;
    this.#cooldown = options.cooldown ? new CooldownStage(name, options.cooldown, t) : undefined;
    this.#rateLimit = options.rateLimit ? new RateLimitStage(name, options.rateLimit, t) : undefined;
    const launch = attemptLauncher(options.attemptMs, abortReason, outcome, t, this.#breaker);
    this.#retry = new RetryStage(
      options,
      t,
      outcome,
      launch,
      this.#breaker,
      this.#budget,
      this.#cooldown,
      adaptive,
    );
    this.#fetchHost = {
      name,
      totalMs: options.totalMs,
      classify: options.classify,
      bounds: (start) => this.#total.bounds(start),
      run: (fn, fetchOptions) => this.#execute(fn, fetchOptions),
    };
  }

  get state(): DependencyState {
    const shared = this.#shared?.docState();
    if (shared === 'open' || shared === 'forced-open') return 'open';
    if (shared === 'forced-closed') return 'closed';
    return this.#breaker.state();
  }

  stats(): DependencyStats {
    const available = this.#budget ? this.#budget.available() : Number.POSITIVE_INFINITY;
    return this.#t.snapshot(this.name, this.state, available);
  }

  isolate(): IDisposable {
    return this.#breaker.isolate();
  }

  /** Never rejects; bounded by timeout.totalMs (and any deadline in scope) whatever the state's ready() does. */
  ready(): Promise<void> {
    if (this.#shared === undefined) return Promise.resolve();
    return this.#shared.awaitReady(Date.now(), undefined).catch(() => undefined);
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

  fetch(
    input: string | URL | Request,
    init?: RequestInit,
    fetchOptions?: FetchOptions,
  ): Promise<Response | F> {
    return fetchThrough(this.#fetchHost, input, init, fetchOptions);
  }

  protect<C extends ProtectableClient>(client: C, options?: ProtectOptions): C {
    const facts = { attemptMs: this.#o.attemptMs, hasFallback: this.#o.fallback !== undefined };
    return protectClient(this, client, options, facts);
  }

  /** The OpenTelemetry recorder (undefined without @opentelemetry/api). */
  get otelRecorder(): OtelRecorder | undefined {
    return this.#t.otel;
  }

  /** Reports every call's duration and outcome to `observer` (telemetry/wireTelemetry sets it once). */
  observeCalls(observer: CallObserver): void {
    this.#observer = observer;
  }

  #execute<T>(fn: (context: ExecuteContext) => Promise<T> | T, options?: InternalOptions<T>): Promise<T | F> {
    const otel = this.#t.otel;
    // A dependency wrapped while OTEL_SDK_DISABLED has no recorder (otel undefined): observed, not traced.
    const traced = otelActive();
    // Unobserved calls (no metrics, no SDK) go straight in: observation costs them nothing.
    // Stryker disable next-line ConditionalExpression: observeCall with nothing to observe runs the call the same way (the fast path is a cost, not a change)
    if (!traced && this.#observer === undefined) return this.#run(fn, options);
    return observeCall(
      (observed) => this.#run(fn, observed),
      options,
      traced ? otel : undefined,
      this.#observer,
    );
  }

  #run<T>(fn: (context: ExecuteContext) => Promise<T> | T, options?: InternalOptions<T>): Promise<T | F> {
    this.#t.calls++;
    // Not async on purpose: the success path is one attempt promise and one .then, no extra frames.
    const shared = this.#shared;
    if (shared !== undefined && !shared.isReady) {
      const start = Date.now();
      return shared.awaitReady(start, options).then(
        () => this.#begin(fn, options, start),
        (error: unknown) => shared.waitFailed<T, F>(error, options),
      );
    }
    try {
      return this.#begin(fn, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The gates, then everything up to the first attempt, synchronously; throws (the caller sees a rejection) to refuse. */
  #begin<T>(
    fn: (context: ExecuteContext) => Promise<T> | T,
    options: InternalOptions<T> | undefined,
    startedAt?: number,
  ): Promise<T | F> {
    const gates = this.#gates;
    for (let i = 0; i < gates.length; i++) {
      const refused = gates[i]!.admit();
      if (refused !== undefined) return this.#outcome.refusal(refused, options);
    }
    const signal = options?.signal;
    if (signal?.aborted) throw this.#outcome.cancelled(signal.reason);
    if (typeof fn !== 'function') {
      throw optionError(`${this.name}.execute`, 'fn', fn, 'a function');
    }
    const start = startedAt ?? Date.now();
    const bounds: Bounds = this.#total.bounds(start);
    const cooldown = this.#cooldown;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the check below against now decides; this one only skips reading the clock
    if (cooldown !== undefined && cooldown.until > start) {
      // Held until the dependency's pushback has passed, then through the gates again.
      const now = Date.now();
      if (cooldown.until > now) {
        return cooldown.hold(now, bounds, options, this.#outcome, () => this.#begin(fn, options, start));
      }
    }
    const rateLimit = this.#rateLimit;
    if (rateLimit !== undefined) {
      const now = Date.now();
      const waitMs = rateLimit.take(now, latestStart(now, bounds.endAt));
      if (waitMs !== 0) {
        return rateLimit.limit(waitMs, bounds, options, this.#outcome, () =>
          this.#proceed(fn, options, Date.now(), bounds),
        );
      }
    }
    // After a wait (shared state, cooldown) the first attempt starts now, within the call's bounds.
    return this.#proceed(fn, options, startedAt === undefined ? start : Date.now(), bounds);
  }

  /** Bulkhead (when configured), then retry; the first attempt starts at `start`. */
  #proceed<T>(
    fn: (context: ExecuteContext) => Promise<T> | T,
    options: InternalOptions<T> | undefined,
    start: number,
    bounds: Bounds,
  ): Promise<T | F> {
    const retry = this.#retry;
    if (this.#bulkhead !== undefined) {
      return this.#bulkhead.run(() => retry.run(fn, options, start, bounds), options, start, bounds);
    }
    return retry.run(fn, options, start, bounds);
  }
}
