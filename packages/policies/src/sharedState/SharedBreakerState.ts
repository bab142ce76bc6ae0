// The contract between wrapDependency and a fleet-wide breaker state store (SSM today).
// wrapDependency only ever reads through this interface; only the probe and operators write.

/**
 * The state a fleet shares for one dependency.
 *
 * - `open` / `closed`: written by the scheduled probe.
 * - `forced-open` / `forced-closed`: written by an operator; the probe never overwrites them.
 *
 * @example
 * ```ts
 * import type { FleetBreakerState } from '@bulwark/policies';
 * const state: FleetBreakerState = 'forced-open';
 * ```
 */
export type FleetBreakerState = 'open' | 'closed' | 'forced-open' | 'forced-closed';

/**
 * The versioned JSON document kept in one SSM parameter per dependency.
 *
 * @example
 * ```ts
 * import type { BreakerStateDocument } from '@bulwark/policies';
 * const doc: BreakerStateDocument = {
 *   version: 1, dependency: 'edna', state: 'open', since: '2026-11-23T10:00:00.000Z',
 *   retryAt: '2026-11-23T10:00:30.000Z', reason: '3 failed health checks',
 *   writtenBy: { kind: 'probe', id: 'edna-probe' }, updatedAt: '2026-11-23T10:00:00.000Z',
 * };
 * ```
 */
export interface BreakerStateDocument {
  /** Schema version; readers ignore a document whose version they do not know. */
  readonly version: 1;
  /** The dependency name, as given to `wrapDependency`. */
  readonly dependency: string;
  readonly state: FleetBreakerState;
  /** ISO-8601 time the state began. */
  readonly since: string;
  /** ISO-8601 time after which a call may be tried again (open states only). */
  readonly retryAt?: string;
  /** Why: the probe's last error, or the operator's `--reason`. */
  readonly reason?: string;
  /** Who wrote it: the probe, or an operator. */
  readonly writtenBy: { readonly kind: 'probe' | 'operator'; readonly id: string };
  /** ISO-8601 time of this write. */
  readonly updatedAt: string;
}

/**
 * What `wrapDependency` reads shared state through. Implementations never throw and never block a call
 * beyond the first, bounded read: shared state may help, never hurt (fail-static).
 *
 * @example
 * ```ts
 * import { wrapDependency, ssmBreakerState } from '@bulwark/policies';
 * const edna = wrapDependency('edna', {
 *   sharedState: ssmBreakerState({ parameterName: '/bulwark/breakers/edna', maxAgeSeconds: 5 }),
 * });
 * ```
 */
export interface SharedBreakerState {
  /**
   * The last valid document, synchronously; `undefined` when none is known (never read, read failed,
   * document invalid). Starts a background refresh when the cached value is older than its max age.
   */
  current(): BreakerStateDocument | undefined;
  /** Resolves once the first read has finished, failed or timed out (bounded); never rejects. */
  ready(): Promise<void>;
  /**
   * The `retryAfterMs` of a refusal when the document has no usable `retryAt` (`forced-open`, or an
   * `open` whose `retryAt` has passed); read on every fleet refusal, kept within [1 s, 120 s].
   * @defaultValue 30000 (`DEFAULT_FLEET_RETRY_HINT_MS`) when absent
   */
  readonly retryHintMs?: number;
  /**
   * Called once by `wrapDependency(name, { sharedState })` with the dependency's name, at construction:
   * from then on a document naming another dependency must be refused (a document copied to the wrong
   * parameter must not open someone else's breaker). Throw a `TypeError` to refuse the pairing (a state
   * already serving another dependency). `wrapDependency` also ignores a foreign document itself, so an
   * implementation without `attach` is still safe.
   */
  attach?(dependency: string): void;
}
