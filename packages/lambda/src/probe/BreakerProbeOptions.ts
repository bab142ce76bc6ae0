// The probe's options and what it answers: the types users write and read.
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { FleetBreakerState, SharedStateLogger } from '@bulwark/policies';
import type { ProbeBaseline } from './probeHysteresis.js';
import { PROBE_DEFAULT_PREFIX } from './probeParameterName.js';
import type { HealthCheck, HealthCheckResult } from './runHealthCheck.js';

/**
 * One dependency the probe checks. Give `check` (resolves = healthy; throws, resolves `false` or a
 * non-2xx `Response` = unhealthy) or `url` (a GET that must answer 2xx).
 *
 * @example
 * ```ts
 * import type { ProbeDependency } from '@bulwark/lambda';
 * const edna: ProbeDependency = { name: 'edna', url: 'https://edna.internal/health', timeoutMs: 1500 };
 * const db: ProbeDependency = { name: 'orders-db', check: async ({ signal }) => pingDb({ signal }) };
 * declare function pingDb(o: { signal: AbortSignal }): Promise<void>;
 * ```
 */
export interface ProbeDependency {
  /** The dependency name, as given to `wrapDependency`; also the last segment of its parameter. */
  readonly name: string;
  /** The health check. Exactly one of `check` and `url`. */
  readonly check?: HealthCheck;
  /** A URL to GET; 2xx is healthy. Exactly one of `check` and `url`. */
  readonly url?: string | URL;
  /** @defaultValue the probe's `timeoutMs` */
  readonly timeoutMs?: number;
  /** @defaultValue `parameterPrefix` + `name` */
  readonly parameterName?: string;
}

/**
 * Options for {@link breakerProbeHandler}.
 *
 * @example
 * ```ts
 * import { breakerProbeHandler } from '@bulwark/lambda';
 * export const handler = breakerProbeHandler({
 *   dependencies: [{ name: 'edna', url: 'https://edna.internal/health' }],
 *   parameterPrefix: '/bulwark/breakers/',
 *   failureThreshold: 3,
 *   successThreshold: 2,
 * });
 * ```
 */
export interface BreakerProbeOptions {
  readonly dependencies: readonly ProbeDependency[];
  /**
   * The SSM path under which each dependency's parameter is `<prefix><name>`.
   * @defaultValue '/bulwark/breakers/'
   */
  readonly parameterPrefix?: string;
  /**
   * Consecutive failed checks before the probe writes `open`.
   * @defaultValue 3
   */
  readonly failureThreshold?: number;
  /**
   * Consecutive healthy checks before the probe writes `closed` again.
   * @defaultValue 2
   */
  readonly successThreshold?: number;
  /**
   * Checks of every dependency per invocation, `checkIntervalMs` apart. With
   * `checksPerInvocation >= max(failureThreshold, successThreshold)` one invocation can decide alone,
   * so no decision depends on a warm instance; counters kept across warm invocations only add evidence.
   * @defaultValue 3
   */
  readonly checksPerInvocation?: number;
  /**
   * Time between two rounds of checks within one invocation.
   * @defaultValue 5000
   */
  readonly checkIntervalMs?: number;
  /**
   * Each health check's own timeout.
   * @defaultValue 2000
   */
  readonly timeoutMs?: number;
  /**
   * `retryAt` of an `open` document: now + this. Set it to the schedule's period (the next probe).
   * @defaultValue 60
   */
  readonly retryAfterSeconds?: number;
  /** @defaultValue `$AWS_LAMBDA_FUNCTION_NAME`, else 'bulwark-probe' */
  readonly probeId?: string;
  /** @defaultValue `new SSMClient({})` */
  readonly client?: SSMClient;
  /** @defaultValue globalThis.fetch (for `url` checks) */
  readonly fetch?: typeof fetch;
  /** @defaultValue `console` (JSON lines) */
  readonly logger?: SharedStateLogger;
}

/**
 * The defaults of {@link BreakerProbeOptions}.
 *
 * @example
 * ```ts
 * import { DEFAULT_BREAKER_PROBE } from '@bulwark/lambda';
 * console.log(DEFAULT_BREAKER_PROBE.failureThreshold); // 3
 * ```
 */
export const DEFAULT_BREAKER_PROBE = Object.freeze({
  parameterPrefix: PROBE_DEFAULT_PREFIX,
  failureThreshold: 3,
  successThreshold: 2,
  checksPerInvocation: 3,
  checkIntervalMs: 5000,
  timeoutMs: 2000,
  retryAfterSeconds: 60,
} as const);

/**
 * What one invocation saw and did, per dependency.
 *
 * @example
 * ```ts
 * import type { BreakerProbeResult } from '@bulwark/lambda';
 * declare const result: BreakerProbeResult;
 * for (const d of result.dependencies) console.log(d.dependency, d.before, '->', d.after, d.wrote);
 * ```
 */
export interface BreakerProbeResult {
  readonly dependencies: readonly ProbeDependencyResult[];
}

/**
 * One dependency's line in {@link BreakerProbeResult}.
 *
 * @example
 * ```ts
 * import type { ProbeDependencyResult } from '@bulwark/lambda';
 * const line: ProbeDependencyResult = {
 *   dependency: 'edna', parameterName: '/bulwark/breakers/edna', before: 'closed', after: 'open',
 *   wrote: 'open', checks: [], failures: 3, successes: 0,
 * };
 * ```
 */
export interface ProbeDependencyResult {
  readonly dependency: string;
  readonly parameterName: string;
  /** The document's state when the invocation began (`unreadable` when SSM failed). */
  readonly before: ProbeBaseline | 'unreadable';
  readonly after: ProbeBaseline | 'unreadable';
  /** The state written, if any (at most one write per change). */
  readonly wrote: FleetBreakerState | undefined;
  readonly checks: readonly HealthCheckResult[];
  readonly failures: number;
  readonly successes: number;
  /** Why nothing was written, when the checks alone would have written. */
  readonly skipped?: 'forced' | 'foreign' | 'unreadable' | 'written-by-another';
}
