// The ten event subscriptions a Dependency exposes. Telemetry owns the emitters (and guards every
// listener); the chain only hands them out, so they live apart from the wiring of its stages.

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
} from '../Dependency.js';
import type { Telemetry } from './Telemetry.js';

export abstract class EventSubscriptions {
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

  protected constructor(t: Telemetry) {
    this.onRetry = t.onRetry;
    this.onGiveUp = t.onGiveUp;
    this.onBreak = t.onBreak;
    this.onHalfOpen = t.onHalfOpen;
    this.onReset = t.onReset;
    this.onTimeout = t.onTimeout;
    this.onFallback = t.onFallback;
    this.onBudgetExhausted = t.onBudgetExhausted;
    this.onCooldown = t.onCooldown;
    this.onRateLimited = t.onRateLimited;
  }
}
