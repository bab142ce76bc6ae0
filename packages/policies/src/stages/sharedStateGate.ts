// The fleet's word on the circuit (a SharedBreakerState, e.g. SSM): open/forced-open refuse the call,
// forced-closed closes the local breaker, anything else leaves the local breaker in charge. The first call
// waits for the state's first read, bounded by its own time: shared state may help, never block; a state
// that throws is ignored; another dependency's document is never obeyed.

import type { DependencyDownError } from '@bulwark/errors';
import type { InternalOptions } from '../pipeline/call.js';
import { SETTLED } from '../pipeline/call.js';
import type { Gate } from '../pipeline/Gate.js';
import type { Outcome } from '../pipeline/Outcome.js';
import { fleetRetryAfterMs } from '../sharedState/fleetRetryAfter.js';
import type { SharedBreakerState } from '../sharedState/SharedBreakerState.js';
import type { Interrupted } from '../timeout/runAttempt.js';
import { waitBounded } from '../timeout/waitBounded.js';
import type { BreakerStage } from './breaker.js';
import type { TotalTimeout } from './totalTimeout.js';

export class SharedStateGate implements Gate {
  readonly #name: string;
  readonly #state: SharedBreakerState;
  readonly #breaker: BreakerStage;
  readonly #outcome: Outcome<unknown>;
  readonly #total: TotalTimeout;
  #ready: Promise<void> | true | undefined;
  #forcedClosed = false;

  constructor(
    name: string,
    state: SharedBreakerState,
    breaker: BreakerStage,
    outcome: Outcome<unknown>,
    total: TotalTimeout,
  ) {
    this.#name = name;
    this.#state = state;
    this.#breaker = breaker;
    this.#outcome = outcome;
    this.#total = total;
  }

  /** True once the first read answered, failed or timed out: calls no longer wait. */
  get isReady(): boolean {
    return this.#ready === true;
  }

  /** True while an operator holds the fleet's circuit closed. */
  get forcedClosed(): boolean {
    return this.#forcedClosed;
  }

  /**
   * Waits for the shared state's first read, bounded by this call's own time (total timeout, deadline) and
   * signal whatever the implementation's ready() does. Rejects with an Interrupted when a bound fires.
   */
  awaitReady<T>(start: number, options: InternalOptions<T> | undefined): Promise<void> {
    this.#ready ??= Promise.resolve()
      .then(() => this.#state.ready())
      .catch(() => undefined)
      .then(() => {
        this.#ready = true;
      });
    const ready = this.#ready;
    if (ready === true) return SETTLED;
    const bounds = this.#total.bounds(start);
    return waitBounded(ready, bounds.endAt - start, bounds.endKind, options?.signal, bounds.signals, () => {
      // Out of time: later calls stop waiting. Shared state may help, never block.
      this.#ready = true;
    });
  }

  /** The call ran out of time (or was cancelled) while it waited for the shared state. */
  waitFailed<T, F>(why: unknown, options: InternalOptions<T> | undefined): Promise<T | F> {
    const stop = why as Interrupted;
    const outcome = this.#outcome as Outcome<F>;
    if (stop.kind === 'cancel') return Promise.reject(outcome.cancelled(stop.reason));
    try {
      return Promise.resolve(outcome.fail(outcome.timeoutError(0, stop.kind, undefined), 0, options));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The fleet document's state when it is this dependency's and has been read. */
  docState(): string | undefined {
    if (this.#ready !== true) return undefined;
    try {
      const doc = this.#state.current();
      // Stryker disable next-line OptionalChaining: without it an absent document throws, and the catch below answers the same undefined
      return doc?.dependency === this.#name ? doc.state : undefined;
    } catch {
      // a throwing custom state reads as no document
    }
    return undefined;
  }

  admit(): DependencyDownError | undefined {
    let doc: ReturnType<SharedBreakerState['current']>;
    try {
      doc = this.#state.current();
      // Another dependency's document is never obeyed, whatever a custom state lets through.
      if (doc !== undefined && doc.dependency !== this.#name) doc = undefined;
    } catch {
      return undefined; // shared state may help, never hurt
    }
    const state = doc?.state;
    if (state === 'open' || state === 'forced-open') {
      // The hint is read only for a refusal: a getter that throws costs that refusal, nothing else.
      let hintMs: number | undefined;
      try {
        hintMs = this.#state.retryHintMs;
      } catch {
        return undefined;
      }
      const retryAfterMs = fleetRetryAfterMs(doc!, Date.now(), hintMs);
      return this.#outcome.openError(retryAfterMs, `circuit ${state} fleet-wide (shared state)`);
    }
    if (state === 'forced-closed') {
      this.#forcedClosed = true;
      this.#breaker.forceClosed();
    } else {
      this.#forcedClosed = false;
    }
    return undefined;
  }
}
