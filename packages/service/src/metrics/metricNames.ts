// The names /metrics carries. Dependency event counters are the policies package's metric names
// (DEPENDENCY_METRIC_NAMES, the EMF names) in Prometheus' spelling, so one alarm table serves both.

import { DEPENDENCY_METRIC_NAMES } from '@bulwark/policies';

/** `BreakerOpened` -> `bulwark_breaker_opened_total`. */
export function prometheusCounterName(emfName: string): string {
  return `bulwark_${emfName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}_total`;
}

type EventName = keyof typeof DEPENDENCY_METRIC_NAMES;

/**
 * Every metric `/metrics` carries. `dependencyEvents` maps each dependency event to its counter: the
 * `DEPENDENCY_METRIC_NAMES` of `@bulwark/policies` in snake case with `bulwark_` and `_total`
 * (`BreakerOpened` -> `bulwark_breaker_opened_total`), labelled `dependency`.
 *
 * @example
 * ```ts
 * import { SERVICE_METRIC_NAMES } from '@bulwark/service';
 * // alert: increase(bulwark_breaker_opened_total[5m]) > 0
 * console.log(SERVICE_METRIC_NAMES.dependencyEvents.onBreak);
 * ```
 */
export const SERVICE_METRIC_NAMES = {
  dependencyEvents: Object.fromEntries(
    Object.entries(DEPENDENCY_METRIC_NAMES).map(([event, name]) => [event, prometheusCounterName(name)]),
  ) as Record<EventName, string>,
  /** Counters read from `stats()`, labelled `dependency`. */
  dependencyCalls: 'bulwark_dependency_calls_total',
  dependencySuccesses: 'bulwark_dependency_successes_total',
  dependencyFailures: 'bulwark_dependency_failures_total',
  dependencyAttempts: 'bulwark_dependency_attempts_total',
  dependencyRejected: 'bulwark_dependency_rejected_total',
  /** Gauge, labelled `dependency`. */
  dependencyInFlight: 'bulwark_dependency_in_flight',
  /** Gauge, 1 for the current state, labelled `dependency` and `state` (closed, half-open, open, isolated). */
  breakerState: 'bulwark_breaker_state',
  /** Histogram in seconds, labelled `dependency` and `outcome` (success, error); calls through `service.dependency()`. */
  dependencyCallDuration: 'bulwark_dependency_call_duration_seconds',
  /** Histogram in seconds, labelled `method` and `status_code`; probe and metrics requests excluded. */
  httpRequestDuration: 'bulwark_http_request_duration_seconds',
  /** Gauge. */
  httpRequestsInFlight: 'bulwark_http_requests_in_flight',
  /** Gauge: 1 when readiness would answer 200. */
  serviceReady: 'bulwark_service_ready',
} as const;
