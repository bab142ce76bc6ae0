// The entry point: one hardened handle per outbound dependency.

import type { Dependency } from './Dependency.js';
import type { DependencyOptions } from './options/DependencyOptions.js';
import { normalizeOptions } from './options/normalizeOptions.js';
import { PolicyChain } from './PolicyChain.js';
import { checkDependencyName } from './sharedState/dependencyName.js';
import { defaultLogger } from './telemetry/defaultLogger.js';
import { wireOtel } from './telemetry/wireOtel.js';
import { wireTelemetry } from './telemetry/wireTelemetry.js';

/**
 * Wraps an outbound dependency in the chain, outside in: total timeout -> retry (classified, jittered,
 * Retry-After aware, budgeted, deadline-bounded) -> circuit breaker (cockatiel) -> attempt timeout -> the
 * call. Options are checked now: a bad one throws a `TypeError` naming the field and the value; so does a
 * name that is not 1-128 characters of `A-Za-z0-9_.-` (it becomes an SSM path segment, a CloudWatch
 * dimension and a log key). Keep one handle per dependency for the life of the process (module scope in
 * Lambda), so the breaker and the retry budget see every call.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', {
 *   timeout: { attemptMs: 2_000, totalMs: 6_000 },
 *   retry: { maxAttempts: 3 },
 *   breaker: { kind: 'consecutive', threshold: 5, halfOpenAfterMs: 10_000 },
 *   fallback: () => ({ orders: [] }),
 * });
 * const orders = await edna.execute(async ({ signal }) => {
 *   const res = await fetch('https://edna.internal/orders', { signal });
 *   return (await res.json()) as { orders: string[] };
 * });
 * ```
 */
export function wrapDependency<F = never>(name: string, options?: DependencyOptions<F>): Dependency<F> {
  checkDependencyName('wrapDependency', 'name', name);
  const normalized = normalizeOptions(name, options as DependencyOptions<unknown> | undefined);
  // From here the shared state refuses documents written for another dependency (and a second owner).
  normalized.sharedState?.attach?.(name);
  const logger = normalized.logger === false ? undefined : (normalized.logger ?? defaultLogger);
  const dependency = new PolicyChain<F>(normalized, logger);
  wireTelemetry(dependency as Dependency<unknown>, logger, normalized.metrics);
  const recorder = dependency.otelRecorder;
  if (recorder !== undefined) wireOtel(dependency as Dependency<unknown>, recorder);
  return dependency;
}
