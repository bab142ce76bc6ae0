// The handle createService returns: what adapters and applications call.

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { HealthReport, ServicePhase } from './health/HealthReport.js';
import type { CheckRegistration, HealthCheck } from './health/runCheck.js';
import type { ProbeResponse } from './http/ProbeResponse.js';
import type { AttachableServer } from './http/RequestTracker.js';
import type { DependencyRegistration, ServiceDependency } from './ServiceDependency.js';
import type { CloseHook } from './shutdown/ShutdownSequence.js';

/**
 * A long-running service's hardening: probes, shutdown and metrics over its registered dependencies.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { wrapDependency } from '@bulwark/policies';
 * import { createService } from '@bulwark/service';
 *
 * const service = createService({ name: 'orders' });
 * const payments = service.dependency(wrapDependency('payments'), { critical: true });
 * const app = createServer(service.requestListener(async (_req, res) => {
 *   await payments.execute(async () => 'charged');
 *   res.end('ok');
 * }));
 * service.attach(app).listen(8080);
 * ```
 */
export interface Service {
  readonly name: string;
  /** `starting` -> `running` -> `shutting-down` -> `stopped`. */
  readonly phase: ServicePhase;
  /**
   * Registers a dependency for readiness, drain and metrics; returns it (a view whose `execute`/`fetch` feed
   * the call-duration histogram: call through what this returns).
   */
  dependency<D extends ServiceDependency>(dependency: D, registration?: DependencyRegistration): D;
  /** Registers a user check on a probe (readiness by default). */
  check(name: string, check: HealthCheck, registration?: CheckRegistration): void;
  /** Registers a close hook; hooks run in reverse order after the drain. */
  onClose(name: string, hook: CloseHook): void;
  /** Completes startup: waits for critical dependencies' `ready()` and runs startup checks. `attach` calls it. */
  start(): Promise<void>;
  /** Tracks the server's requests for the drain and installs the signal handlers. Returns the server. */
  attach<S extends AttachableServer>(server: S): S;
  /** The answer for a health or metrics path, or `undefined` for any other path (the app's). */
  probe(method: string, path: string): Promise<ProbeResponse | undefined>;
  /**
   * Answers a probe or metrics request on a `node:http` response and returns `true`; returns `false` at once
   * for any other request (the app's). The one core every adapter calls.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** A `node:http` listener answering the probe and metrics paths and handing every other request to `next`. */
  requestListener(next?: RequestListener): RequestListener;
  liveness(): Promise<HealthReport>;
  readiness(): Promise<HealthReport>;
  startup(): Promise<HealthReport>;
  /** The Prometheus text of `/metrics` (empty string when metrics are off). */
  metrics(): Promise<string>;
  /** Starts the shutdown as a signal would; a second call forces exit 1. */
  shutdown(reason?: string): Promise<void>;
}
