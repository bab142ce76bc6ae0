// What a probe answers, computed from the phase, the registered dependencies and the user checks. Pure: the
// same inputs give the same report, so the rules are tested without sockets.

import { BLOCKED_STATES } from '../ServiceDependency.js';

/**
 * Where the service is in its life: `starting` until startup completes, `running`, `shutting-down` from the
 * first signal on (grace period and drain), `stopped` once close hooks have run.
 *
 * @example
 * ```ts
 * import { createService, type ServicePhase } from '@bulwark/service';
 * const phase: ServicePhase = createService().phase; // 'starting'
 * ```
 */
export type ServicePhase = 'starting' | 'running' | 'shutting-down' | 'stopped';

/**
 * One dependency in a probe body: never more than its name, weight, breaker state and calls in flight.
 *
 * @example
 * ```ts
 * import type { DependencyHealth } from '@bulwark/service';
 * const row: DependencyHealth = { name: 'payments', critical: true, state: 'open', inFlight: 0 };
 * ```
 */
export interface DependencyHealth {
  readonly name: string;
  readonly critical: boolean;
  readonly state: string;
  readonly inFlight: number;
}

/**
 * One user check in a probe body. `error` is the error's name (or `timeout`), never its message, which may
 * carry a connection string or an upstream body.
 *
 * @example
 * ```ts
 * import type { CheckResult } from '@bulwark/service';
 * const row: CheckResult = { name: 'postgres', critical: true, ok: false, error: 'timeout' };
 * ```
 */
export interface CheckResult {
  readonly name: string;
  readonly critical: boolean;
  readonly ok: boolean;
  readonly error?: string;
}

/**
 * A probe's answer: `ok` and `degraded` are 200, `fail` is 503.
 *
 * @example
 * ```ts
 * import { createService } from '@bulwark/service';
 * const report = await createService().readiness();
 * console.log(report.status, report.dependencies);
 * ```
 */
export interface HealthReport {
  readonly status: 'ok' | 'degraded' | 'fail';
  readonly phase: ServicePhase;
  readonly dependencies: readonly DependencyHealth[];
  readonly checks: readonly CheckResult[];
}

/** Liveness: only the process itself (its phase and liveness checks). A dependency outage never restarts pods. */
export function livenessReport(phase: ServicePhase, checks: readonly CheckResult[]): HealthReport {
  const failed = checks.some((check) => !check.ok && check.critical);
  const degraded = checks.some((check) => !check.ok);
  return {
    status: phase === 'stopped' || failed ? 'fail' : degraded ? 'degraded' : 'ok',
    phase,
    dependencies: [],
    checks,
  };
}

/**
 * Readiness: not ready while starting or shutting down, or when a critical dependency's breaker is open or
 * isolated, or a critical check fails; `degraded` (still ready) when an optional one is, or when a critical
 * breaker is half-open (a probe call is being let through).
 */
export function readinessReport(
  phase: ServicePhase,
  dependencies: readonly DependencyHealth[],
  checks: readonly CheckResult[],
): HealthReport {
  const blocked = dependencies.filter((dep) => BLOCKED_STATES.has(dep.state));
  const failedCritical =
    blocked.some((dep) => dep.critical) || checks.some((check) => !check.ok && check.critical);
  const degraded =
    blocked.length > 0 ||
    dependencies.some((dep) => dep.state !== 'closed') ||
    checks.some((check) => !check.ok);
  const status = phase !== 'running' || failedCritical ? 'fail' : degraded ? 'degraded' : 'ok';
  return { status, phase, dependencies, checks };
}

/** Startup: ok once startup has completed (critical dependencies' shared state read, startup checks passed). */
export function startupReport(phase: ServicePhase, checks: readonly CheckResult[]): HealthReport {
  return { status: phase === 'starting' ? 'fail' : 'ok', phase, dependencies: [], checks };
}
