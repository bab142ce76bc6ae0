// Default listeners: every event becomes one structured log line (dependency, attempt, delayMs, kind,
// state) and, when Metrics is given, one Count metric with a `dependency` dimension, plus one duration per
// call (measured only when Metrics is given). Only failure-path events exist, so without Metrics nothing
// here runs on a successful call. An error reaches a log line only through
// serializeError (redacted message, name and code, no headers, bodies or control characters), never raw.

import { currentLogContext, serializeError } from '@bulwark/errors';
import type { Dependency } from '../Dependency.js';
import type { DependencyLogger, DependencyMetrics } from '../options/DependencyOptions.js';
import type { CallObserver } from './callObserver.js';
import { traceKeys } from './otel.js';

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

/**
 * The metrics of the newer stages' events (unit `Count`, value 1, dimension `dependency`). Kept apart from
 * {@link DEPENDENCY_METRIC_NAMES}, whose keys other packages map one to one.
 *
 * @example
 * ```ts
 * import { STAGE_METRIC_NAMES } from '@bulwark/policies';
 * console.log(STAGE_METRIC_NAMES.onCooldown); // 'DependencyCooldown'
 * ```
 */
export const STAGE_METRIC_NAMES = {
  onCooldown: 'DependencyCooldown',
  onRateLimited: 'DependencyRateLimited',
} as const;

/**
 * The duration metric of every call (unit `Milliseconds`, dimensions `dependency` and `outcome`:
 * `success`, `fallback`, `failure` or `refused`), written when `metrics` is given.
 *
 * @example
 * ```ts
 * import { CALL_DURATION_METRIC } from '@bulwark/policies';
 * // alarm on the p99 of CALL_DURATION_METRIC ('DependencyCallDuration') per dependency, outcome=success
 * console.log(CALL_DURATION_METRIC);
 * ```
 */
export const CALL_DURATION_METRIC = 'DependencyCallDuration';

/** The error as a log line may hold it, without its stack (the give-up line has it) to keep lines short. */
const logged = (error: unknown) =>
  error === undefined ? undefined : serializeError(error, { stack: false });

export function wireTelemetry(
  dep: Dependency<unknown> & { observeCalls?(observer: CallObserver): void },
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
  // The running record's or request's keys (correlation_id, messageId) and, in a traced call, its trace
  // context first, so an event key never hides behind them and a line always names the message and the
  // span that caused it.
  const log: DependencyLogger | undefined = logger && {
    info: (message, extra) =>
      logger.info(message, { ...currentLogContext(), ...traceKeys(), ...(extra as object) }),
    warn: (message, extra) =>
      logger.warn(message, { ...currentLogContext(), ...traceKeys(), ...(extra as object) }),
  };

  if (metrics !== undefined) {
    // Stryker disable next-line OptionalChaining: every dependency wrapDependency makes has observeCalls
    dep.observeCalls?.((durationMs, outcome) => {
      if (typeof metrics.singleMetric === 'function') {
        const single = metrics.singleMetric();
        single.addDimension('dependency', dependency);
        single.addDimension('outcome', outcome);
        single.addMetric(CALL_DURATION_METRIC, 'Milliseconds', durationMs);
      } else {
        metrics.addMetric(CALL_DURATION_METRIC, 'Milliseconds', durationMs);
      }
    });
  }

  dep.onRetry((e) => {
    log?.warn('dependency call retried', {
      dependency,
      attempt: e.attempt,
      delayMs: e.delayMs,
      kind: e.classification.kind,
      reason: e.classification.reason,
      status: e.classification.status,
      state: dep.state,
      error: serializeError(e.error, { stack: false, classification: e.classification }),
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
      ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }),
      error: serializeError(e.error, { classification: e.classification }),
      state: dep.state,
    });
    count?.(DEPENDENCY_METRIC_NAMES.onGiveUp);
  });
  dep.onBreak((e) => {
    log?.warn('dependency circuit opened', {
      dependency,
      state: e.state,
      kind: e.trigger,
      ...(e.shadow ? { shadow: true } : {}),
      delayMs: Number.isFinite(e.retryAfterMs) ? e.retryAfterMs : undefined,
      error: logged(e.error),
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
      error: logged(e.error),
      state: dep.state,
    });
    count?.(DEPENDENCY_METRIC_NAMES.onBudgetExhausted);
  });
  dep.onCooldown((e) => {
    log?.warn('dependency cooling down after pushback', {
      dependency,
      delayMs: e.retryAfterMs,
      state: dep.state,
    });
    count?.(STAGE_METRIC_NAMES.onCooldown);
  });
  dep.onRateLimited((e) => {
    log?.warn('dependency call refused by the rate limit', {
      dependency,
      delayMs: e.retryAfterMs,
      state: dep.state,
    });
    count?.(STAGE_METRIC_NAMES.onRateLimited);
  });
}
