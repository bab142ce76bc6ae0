// What the service needs from a dependency, typed structurally: any `Dependency` from @bulwark/policies fits,
// and so does a second copy of that package, or a hand-written stand-in in a test.

/**
 * The slice of a `Dependency` (from `wrapDependency`) the service reads: its name, its breaker state, the
 * calls in flight, and, when the policies package has it, `ready()` (resolves once the shared breaker state
 * has been read). The `on*` events, when present, feed `/metrics`.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * import type { ServiceDependency } from '@bulwark/service';
 * const payments: ServiceDependency = wrapDependency('payments');
 * ```
 */
export interface ServiceDependency {
  readonly name: string;
  /** `'closed' | 'half-open' | 'open' | 'isolated'`; a fleet-wide open or forced-open state reads `'open'`. */
  readonly state: string;
  stats(): { readonly inFlight: number };
  /** Resolves once the dependency's shared breaker state has been read (policies' cold-start readiness). */
  ready?: () => Promise<unknown>;
}

/**
 * How a registered dependency weighs on readiness.
 *
 * @example
 * ```ts
 * import { createService, type DependencyRegistration } from '@bulwark/service';
 * import { wrapDependency } from '@bulwark/policies';
 * const registration: DependencyRegistration = { critical: false };
 * const recommendations = createService().dependency(wrapDependency('recommendations'), registration);
 * ```
 */
export interface DependencyRegistration {
  /**
   * A critical dependency whose breaker is open or isolated makes the service not ready (503); an optional
   * one makes it `degraded` but ready (200).
   * @defaultValue true
   */
  readonly critical?: boolean;
}

/**
 * States that fail readiness for a critical dependency: calls cannot reach it, or its state could not be read
 * (`unknown`: a throwing getter or stats() is not taken for health).
 */
export const BLOCKED_STATES: ReadonlySet<string> = new Set(['open', 'isolated', 'unknown']);
