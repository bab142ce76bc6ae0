// Default listeners: every event becomes one structured log line (dependency, attempt, delayMs, kind,
// state) and, when Metrics is given, one Count metric with a `dependency` dimension. Only failure-path
// events exist, so nothing here runs on a successful call.

import type { Dependency } from '../Dependency.js';
import type { DependencyLogger, DependencyMetrics } from '../options/DependencyOptions.js';

/**
 * The metric each event emits (unit `Count`, value 1, dimension `dependency`).
 *
 * @example
 * ```ts
 * import { DEPENDENCY_METRIC_NAMES } from '@bulwark/policies';
 * // alarm on DEPENDENCY_METRIC_NAMES.onBreak ('BreakerOpened') per dependency
 * console.log(DEPENDENCY_METRIC_NAMES.onBreak);
 * ```
 */
export const DEPENDENCY_METRIC_NAMES = {
  onRetry: 'DependencyRetry',
  onGiveUp: 'DependencyGiveUp',
  onBreak: 'BreakerOpened',
  onHalfOpen: 'BreakerHalfOpen',
  onReset: 'BreakerClosed',
  onTimeout: 'DependencyTimeout',
  onFallback: 'DependencyFallback',
  onBudgetExhausted: 'RetryBudgetExhausted',
} as const;

const errorName = (error: unknown): string | undefined =>
  error instanceof Error ? error.name : error === undefined ? undefined : typeof error;

export function wireTelemetry(
  dep: Dependency<unknown>,
  logger: DependencyLogger | undefined,
  metrics: DependencyMetrics | undefined,
): void {
  const dependency = dep.name;
  const count = metrics
    ? (name: string) => {
        if (typeof metrics.singleMetric === 'function') {
          const single = metrics.singleMetric();
          single.addDimension('dependency', dependency);
          single.addMetric(name, 'Count', 1);
        } else {
          metrics.addMetric(name, 'Count', 1);
        }
      }
    : undefined;
  const log = logger;

  dep.onRetry((e) => {
    log?.warn('dependency call retried', {
      dependency,
      attempt: e.attempt,
      delayMs: e.delayMs,
      kind: e.classification.kind,
      reason: e.classification.reason,
      status: e.classification.status,
      state: dep.state,
    });
    count?.(DEPENDENCY_METRIC_NAMES.onRetry);
  });
  dep.onGiveUp((e) => {
    log?.warn('dependency call gave up', {
      dependency,
      attempt: e.attempts,
      kind: e.classification.kind,
      reason: e.reason,
      cause: e.classification.reason,
      error: errorName(e.error),
      state: dep.state,
    });
    count?.(DEPENDENCY_METRIC_NAMES.onGiveUp);
  });
  dep.onBreak((e) => {
    log?.warn('dependency circuit opened', {
      dependency,
      state: e.state,
      kind: e.trigger,
      delayMs: Number.isFinite(e.retryAfterMs) ? e.retryAfterMs : undefined,
      error: errorName(e.error),
    });
    count?.(DEPENDENCY_METRIC_NAMES.onBreak);
  });
  dep.onHalfOpen(() => {
    log?.info('dependency circuit half-open', { dependency, state: 'half-open' });
    count?.(DEPENDENCY_METRIC_NAMES.onHalfOpen);
  });
  dep.onReset(() => {
    log?.info('dependency circuit closed', { dependency, state: 'closed' });
    count?.(DEPENDENCY_METRIC_NAMES.onReset);
  });
  dep.onTimeout((e) => {
    log?.warn('dependency call timed out', {
      dependency,
      attempt: e.attempt,
      kind: e.kind,
      delayMs: e.timeoutMs,
      state: dep.state,
    });
    count?.(DEPENDENCY_METRIC_NAMES.onTimeout);
  });
  dep.onFallback((e) => {
    log?.info('dependency fallback used', {
      dependency,
      kind: e.classification.kind,
      reason: e.classification.reason,
      state: dep.state,
    });
    count?.(DEPENDENCY_METRIC_NAMES.onFallback);
  });
  dep.onBudgetExhausted((e) => {
    log?.warn('dependency retry budget exhausted', {
      dependency,
      attempt: e.attempt,
      error: errorName(e.error),
      state: dep.state,
    });
    count?.(DEPENDENCY_METRIC_NAMES.onBudgetExhausted);
  });
}
