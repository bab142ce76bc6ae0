// The circuit: cockatiel's breaker (consecutive, count or sampling, half-open with N probes, the slow-call
// trigger) plus what the chain keeps beside it: until when calls are refused locally (`openUntil`, read
// by the open-circuit gate without entering cockatiel), how many probes the half-open state admitted, and
// manual isolation. Transitions are reported to telemetry; nothing here refuses a call itself.

import { CircuitState, type IDisposable } from 'cockatiel';
import { type BuiltBreaker, createBreaker } from '../breaker/createBreaker.js';
import type { DependencyState } from '../Dependency.js';
import type { NormalizedBreaker } from '../options/normalizeOptions.js';
import type { Telemetry } from '../telemetry/Telemetry.js';
import { Interrupted } from '../timeout/runAttempt.js';
import { breakDurationMs } from './breakDuration.js';

export class BreakerStage {
  readonly #name: string;
  readonly #options: NormalizedBreaker | undefined;
  readonly #counts: (error: unknown) => boolean;
  readonly #t: Telemetry;
  #built: BuiltBreaker | undefined;
  #listeners: IDisposable[] = [];
  /** Epoch ms before which calls are refused locally; Infinity while isolated; 0 when not open. */
  openUntil = 0;
  #halfOpenAdmitted = 0;
  #isolations = 0;
  /** Failed probes since the circuit last closed: how much longer the next open period is. */
  #failedProbes = 0;
  // Stryker disable next-line BooleanLiteral: the constructor's #build() sets it before any use
  #probing = false;

  /** `countsTowardBreaker` is the classifier's verdict on an error. */
  constructor(
    name: string,
    options: NormalizedBreaker | undefined,
    countsTowardBreaker: (error: unknown) => boolean,
    telemetry: Telemetry,
  ) {
    this.#name = name;
    this.#options = options;
    this.#counts = (error) => (error instanceof Interrupted ? false : countsTowardBreaker(error));
    this.#t = telemetry;
    this.#build();
  }

  /** Shadow mode: transitions are computed and reported, calls are never refused for them. */
  get shadow(): boolean {
    return this.#options?.shadow === true;
  }

  /**
   * True when a call at `now` must not go on because of the circuit: open (or isolated), or half-open
   * with every probe out. In shadow mode only isolation refuses.
   */
  refuses(now: number): boolean {
    if (this.#options?.shadow === true) return this.openUntil === Number.POSITIVE_INFINITY;
    return this.openUntil > now || this.probesExhausted();
  }

  /** In shadow mode, whether this attempt must bypass cockatiel (which would refuse it). */
  bypasses(now: number): boolean {
    return this.openUntil > now || this.probesExhausted();
  }

  /** True when a breaker is configured (else attempts never enter cockatiel). */
  get configured(): boolean {
    return this.#options !== undefined;
  }

  get isolated(): boolean {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: openUntil is Infinity exactly while isolations > 0 (isolate(), #setOpenUntil), so either test alone (or both) answers the same
    return this.#isolations > 0 || this.openUntil === Number.POSITIVE_INFINITY;
  }

  get halfOpen(): boolean {
    return this.#built?.policy.state === CircuitState.HalfOpen;
  }

  /** The local circuit's state, as the next call will find it. */
  state(): DependencyState {
    if (this.isolated) return 'isolated';
    const breaker = this.#built?.policy;
    if (!breaker) return 'closed';
    switch (breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      // Stryker disable next-line ConditionalExpression: cockatiel's own isolate() is never called (isolation is ours), so it never reports Isolated
      case CircuitState.Isolated:
        // Stryker disable next-line StringLiteral: unreachable, see above
        return 'isolated';
      default:
        // cockatiel moves Open -> HalfOpen lazily on the next call; report what that call will find.
        return Date.now() < this.openUntil ? 'open' : 'half-open';
    }
  }

  /** True while half-open with every probe already admitted: further calls are refused. */
  probesExhausted(): boolean {
    const built = this.#built;
    return (
      built !== undefined &&
      built.policy.state === CircuitState.HalfOpen &&
      this.#halfOpenAdmitted >= this.#options!.halfOpenProbes
    );
  }

  /** With the slow-call trigger on: what records an attempt started at `startedAt` once it settles. */
  slowCallRecorder(startedAt: number): (() => void) | undefined {
    // Stryker disable next-line OptionalChaining: only called with a breaker configured, when #built is set
    const slow = this.#built?.slow;
    if (slow === undefined) return undefined;
    // Stryker disable next-line OptionalChaining: slow is only set when #built is
    return () => slow.record(Date.now() - startedAt, this.#built?.policy.state === CircuitState.HalfOpen);
  }

  /** Runs one attempt through cockatiel's breaker (only called when one is configured). */
  execute<T>(run: () => Promise<T>): Promise<T> {
    const breaker = this.#built!.policy;
    const result = breaker.execute(run);
    // cockatiel moved Open -> HalfOpen synchronously inside execute() if this call is a probe.
    // Stryker disable next-line ConditionalExpression: the count only matters while half-open, and onHalfOpen zeroes it as half-open begins
    if (breaker.state === CircuitState.HalfOpen) this.#halfOpenAdmitted++;
    return result;
  }

  /** Holds the circuit open by hand until every returned handle is disposed. */
  isolate(): IDisposable {
    this.#isolations++;
    if (this.#isolations === 1) {
      this.openUntil = Number.POSITIVE_INFINITY;
      this.#t.emitBreak({
        dependency: this.#name,
        state: 'isolated',
        retryAfterMs: Number.POSITIVE_INFINITY,
      });
    }
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        if (--this.#isolations === 0) this.reset();
      },
    };
  }

  /** An operator holds the fleet's circuit closed: close the local one too (unless isolated by hand). */
  forceClosed(): void {
    if (this.openUntil === 0 && !this.halfOpen) return;
    // Stryker disable next-line ConditionalExpression: an isolated circuit is rebuilt when its isolation ends, so rebuilding it now changes nothing seen
    if (this.#isolations === 0) this.reset();
  }

  /** Back to a fresh, closed breaker (operator force-close, end of isolation). */
  reset(): void {
    const wasClosed = this.openUntil === 0 && !this.halfOpen;
    this.#build();
    const t = this.#t;
    if (wasClosed) return;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: reset() runs only with no isolation left, so #build() just set openUntil to 0; the size check only skips an emit to no listener
    if (this.openUntil === 0 && t.resetE.size > 0) t.resetE.emit({ dependency: this.#name });
  }

  /** A transition of cockatiel's circuit moves openUntil, except while isolated by hand: that holds. */
  #setOpenUntil(value: number): void {
    this.openUntil = this.#isolations > 0 ? Number.POSITIVE_INFINITY : value;
  }

  #build(): void {
    for (const l of this.#listeners) l.dispose();
    this.#listeners = [];
    // Stryker disable next-line ConditionalExpression: #build() runs with no isolation (constructor, reset() at its end or on a force-close, which skips an isolated circuit); kept for safety
    this.openUntil = this.#isolations > 0 ? Number.POSITIVE_INFINITY : 0;
    this.#halfOpenAdmitted = 0;
    this.#failedProbes = 0;
    this.#probing = false;
    const options = this.#options;
    if (options === undefined) {
      this.#built = undefined;
      return;
    }
    const built = createBreaker(options, this.#counts);
    this.#built = built;
    const { policy, slow } = built;
    const t = this.#t;
    const dependency = this.#name;
    this.#listeners.push(
      policy.onBreak((reason) => {
        this.#failedProbes = this.#probing ? this.#failedProbes + 1 : 0;
        // Stryker disable next-line BooleanLiteral: every path to the next break sets it first (onHalfOpen: true, #build: false)
        this.#probing = false;
        const retryAfterMs = breakDurationMs(
          options.halfOpenAfterMs,
          options.breakDuration,
          this.#failedProbes,
        );
        this.#setOpenUntil(Date.now() + retryAfterMs);
        const trigger = slow?.lastTrigger ?? 'failures';
        slow?.clear();
        t.emitBreak({
          dependency,
          state: 'open',
          retryAfterMs,
          trigger,
          ...(options.shadow ? { shadow: true as const } : {}),
          ...('error' in reason ? { error: reason.error } : {}),
        });
      }),
      policy.onHalfOpen(() => {
        this.#probing = true;
        // Stryker disable next-line CallExpression: cockatiel half-opens only on a call let through once openUntil passed, and every reader takes a past openUntil as 0
        this.#setOpenUntil(0);
        this.#halfOpenAdmitted = 0;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: only skips building the event when nobody listens (emit to no listener is a no-op)
        if (t.halfOpenE.size > 0) t.halfOpenE.emit({ dependency });
      }),
      policy.onReset(() => {
        this.#probing = false;
        this.#failedProbes = 0;
        // Stryker disable next-line CallExpression: cockatiel closes only from half-open, where onHalfOpen already set 0
        this.#setOpenUntil(0);
        slow?.clear();
        // Stryker disable next-line ConditionalExpression,EqualityOperator: only skips building the event when nobody listens (emit to no listener is a no-op)
        if (t.resetE.size > 0) t.resetE.emit({ dependency });
      }),
    );
  }
}
