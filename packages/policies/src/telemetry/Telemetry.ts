// The one owner of a dependency's counters and events. Stages report into it (a counter bump, an emit
// when someone listens); stats() and the public on* handles read from it. Nothing here decides anything.

import { EventEmitter } from 'cockatiel';
import type {
  BreakEvent,
  BudgetExhaustedEvent,
  CooldownEvent,
  DependencyEvent,
  DependencyState,
  DependencyStats,
  FallbackEvent,
  GiveUpEvent,
  RateLimitedEvent,
  RetryEvent,
  StateEvent,
  TimeoutEvent,
} from '../Dependency.js';
import type { DependencyLogger } from '../options/DependencyOptions.js';
import { guarded, listenerReporter } from './guardListener.js';
import type { OtelRecorder } from './otel.js';

/** Counters as plain fields (a bump is one property write) and one emitter per event. */
export class Telemetry {
  calls = 0;
  successes = 0;
  failures = 0;
  attempts = 0;
  retries = 0;
  rejected = 0;
  timeouts = 0;
  fallbacks = 0;
  budgetExhausted = 0;
  inFlight = 0;
  cooldowns = 0;
  held = 0;
  rateLimited = 0;
  /** Spans and instruments, when @opentelemetry/api is installed (each call checks an SDK is registered). */
  otel: OtelRecorder | undefined;

  readonly retryE = new EventEmitter<RetryEvent>();
  readonly giveUpE = new EventEmitter<GiveUpEvent>();
  readonly breakE = new EventEmitter<BreakEvent>();
  readonly halfOpenE = new EventEmitter<StateEvent>();
  readonly resetE = new EventEmitter<StateEvent>();
  readonly timeoutE = new EventEmitter<TimeoutEvent>();
  readonly fallbackE = new EventEmitter<FallbackEvent>();
  readonly budgetE = new EventEmitter<BudgetExhaustedEvent>();
  readonly cooldownE = new EventEmitter<CooldownEvent>();
  readonly rateLimitedE = new EventEmitter<RateLimitedEvent>();

  readonly onRetry: DependencyEvent<RetryEvent>;
  readonly onGiveUp: DependencyEvent<GiveUpEvent>;
  readonly onBreak: DependencyEvent<BreakEvent>;
  readonly onHalfOpen: DependencyEvent<StateEvent>;
  readonly onReset: DependencyEvent<StateEvent>;
  readonly onTimeout: DependencyEvent<TimeoutEvent>;
  readonly onFallback: DependencyEvent<FallbackEvent>;
  readonly onBudgetExhausted: DependencyEvent<BudgetExhaustedEvent>;
  readonly onCooldown: DependencyEvent<CooldownEvent>;
  readonly onRateLimited: DependencyEvent<RateLimitedEvent>;

  /** `logger` is where listener failures are reported (undefined: nowhere). */
  constructor(name: string, logger: DependencyLogger | undefined) {
    const report = listenerReporter(name, logger);
    this.onRetry = guarded(this.retryE, `${name}.onRetry`, report);
    this.onGiveUp = guarded(this.giveUpE, `${name}.onGiveUp`, report);
    this.onBreak = guarded(this.breakE, `${name}.onBreak`, report);
    this.onHalfOpen = guarded(this.halfOpenE, `${name}.onHalfOpen`, report);
    this.onReset = guarded(this.resetE, `${name}.onReset`, report);
    this.onTimeout = guarded(this.timeoutE, `${name}.onTimeout`, report);
    this.onFallback = guarded(this.fallbackE, `${name}.onFallback`, report);
    this.onBudgetExhausted = guarded(this.budgetE, `${name}.onBudgetExhausted`, report);
    this.onCooldown = guarded(this.cooldownE, `${name}.onCooldown`, report);
    this.onRateLimited = guarded(this.rateLimitedE, `${name}.onRateLimited`, report);
  }

  /** Emits only when someone listens: an event object is never built for nobody. */
  emitBreak(event: BreakEvent): void {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: emitting to no listener does nothing; the check only saves the call
    if (this.breakE.size > 0) this.breakE.emit(event);
  }

  snapshot(name: string, state: DependencyState, budgetAvailable: number): DependencyStats {
    return {
      name,
      state,
      calls: this.calls,
      successes: this.successes,
      failures: this.failures,
      attempts: this.attempts,
      retries: this.retries,
      rejected: this.rejected,
      timeouts: this.timeouts,
      fallbacks: this.fallbacks,
      budgetExhausted: this.budgetExhausted,
      budgetAvailable,
      inFlight: this.inFlight,
      cooldowns: this.cooldowns,
      held: this.held,
      rateLimited: this.rateLimited,
    };
  }
}
