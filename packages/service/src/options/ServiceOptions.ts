// The options of createService, their defaults, and the one place they are checked.

import type { ServiceLogger } from './ServiceLogger.js';

/**
 * Where the probes answer and how long a user check may take.
 *
 * @example
 * ```ts
 * import { createService } from '@bulwark/service';
 * const service = createService({ health: { readyPath: '/readyz', livePath: '/livez', checkTimeoutMs: 500 } });
 * ```
 */
export interface HealthOptions {
  /** @defaultValue `'/health/live'` */
  readonly livePath?: string;
  /** @defaultValue `'/health/ready'` */
  readonly readyPath?: string;
  /** @defaultValue `'/health/startup'` */
  readonly startupPath?: string;
  /**
   * How long one user check may run before it counts as failed (a hung database ping must not hang the probe).
   * @defaultValue 1000
   */
  readonly checkTimeoutMs?: number;
  /**
   * Whether probe bodies list each dependency and check. `false` answers only `{ "status": ... }`, for probes
   * reachable from outside the cluster.
   * @defaultValue true
   */
  readonly details?: boolean;
}

/**
 * How the service stops on SIGTERM/SIGINT: not ready at once, `graceMs` of normal service so load balancers
 * notice, then no new connections, in-flight requests and dependency calls drained, close hooks run in
 * reverse order, exit 0. Past `timeoutMs` from the signal, or on a second signal: exit 1.
 *
 * @example
 * ```ts
 * import { createService } from '@bulwark/service';
 * // Kubernetes: terminationGracePeriodSeconds >= 25 + a margin
 * const service = createService({ shutdown: { graceMs: 5_000, timeoutMs: 25_000 } });
 * ```
 */
export interface ShutdownOptions {
  /**
   * Time between the signal and closing the listener, while readiness answers 503 and requests are still
   * served (endpoints and target groups need a few seconds to stop routing here).
   * @defaultValue 5000
   */
  readonly graceMs?: number;
  /**
   * The whole shutdown budget from the signal: grace, drain and close hooks. Past it the process exits 1
   * with a line naming what was still running. Must be more than `graceMs`.
   * @defaultValue 25000
   */
  readonly timeoutMs?: number;
  /**
   * Signals that start the shutdown. `[]` installs no handler (call `service.shutdown()` yourself).
   * @defaultValue `['SIGTERM', 'SIGINT']`
   */
  readonly signals?: readonly NodeJS.Signals[];
  /**
   * How the process ends once shutdown is over (tests pass a spy).
   * @defaultValue `(code) => process.exit(code)`
   */
  readonly exit?: (code: number) => void;
}

/**
 * Text another registry exposes (a prom-client `Registry` fits), appended to `/metrics`.
 *
 * @example
 * ```ts
 * import { Registry } from 'prom-client';
 * import { createService, type MetricsSource } from '@bulwark/service';
 * const mine: MetricsSource = new Registry();
 * const service = createService({ metrics: { include: [mine] } });
 * ```
 */
export interface MetricsSource {
  metrics(): Promise<string> | string;
}

/**
 * The Prometheus endpoint.
 *
 * @example
 * ```ts
 * import { createService } from '@bulwark/service';
 * const service = createService({ metrics: { path: '/metrics', processMetrics: true } });
 * ```
 */
export interface MetricsOptions {
  /** @defaultValue `'/metrics'` */
  readonly path?: string;
  /**
   * Adds prom-client's default process and Node.js metrics (`process_cpu_seconds_total`, event loop lag,
   * heap). Off by default: most platforms already collect them, and they cost a timer per process.
   * @defaultValue false
   */
  readonly processMetrics?: boolean;
  /**
   * Histogram buckets for the duration metrics, in seconds, strictly increasing.
   * @defaultValue `[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]`
   */
  readonly durationBuckets?: readonly number[];
  /** Other registries whose text is appended to `/metrics`. @defaultValue `[]` */
  readonly include?: readonly MetricsSource[];
}

/**
 * Everything `createService` accepts.
 *
 * @example
 * ```ts
 * import { createService } from '@bulwark/service';
 * const service = createService({
 *   name: 'orders',
 *   shutdown: { graceMs: 5_000, timeoutMs: 25_000 },
 *   metrics: { processMetrics: true },
 * });
 * ```
 */
export interface ServiceOptions {
  /** Written on every log line. @defaultValue `'service'` */
  readonly name?: string;
  readonly health?: HealthOptions;
  readonly shutdown?: ShutdownOptions;
  /** `false` serves no `/metrics`. */
  readonly metrics?: MetricsOptions | false;
  /** @defaultValue one JSON line per entry on stdout/stderr */
  readonly logger?: ServiceLogger;
}

/**
 * Every default `createService` applies; the README's `@defaultValue`s are tested against it.
 *
 * @example
 * ```ts
 * import { createService, DEFAULT_SERVICE_OPTIONS } from '@bulwark/service';
 * const service = createService({
 *   shutdown: { ...DEFAULT_SERVICE_OPTIONS.shutdown, timeoutMs: 55_000 },
 * });
 * ```
 */
export const DEFAULT_SERVICE_OPTIONS = {
  name: 'service',
  health: {
    livePath: '/health/live',
    readyPath: '/health/ready',
    startupPath: '/health/startup',
    checkTimeoutMs: 1_000,
    details: true,
  },
  shutdown: { graceMs: 5_000, timeoutMs: 25_000, signals: ['SIGTERM', 'SIGINT'] },
  metrics: {
    path: '/metrics',
    processMetrics: false,
    durationBuckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  },
} as const;
