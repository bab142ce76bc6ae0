// The options ssmBreakerState accepts (checked in ssmBreakerStateOptions.ts) and what it reports to.

import type { SSMClient } from '@aws-sdk/client-ssm';
import type { SharedBreakerState } from './SharedBreakerState.js';

/**
 * Where {@link ssmBreakerState} reports read failures and invalid documents. Powertools `Logger`
 * and `console` both fit.
 *
 * @example
 * ```ts
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import type { SharedStateLogger } from '@bulwark/policies';
 * const logger: SharedStateLogger = new Logger({ serviceName: 'orders' });
 * ```
 */
export interface SharedStateLogger {
  warn(message: string, attributes: Record<string, unknown>): void;
  info(message: string, attributes: Record<string, unknown>): void;
}

/**
 * Where {@link ssmBreakerState} counts what it refused or could not read. Powertools `Metrics` fits.
 *
 * @example
 * ```ts
 * import { Metrics } from '@aws-lambda-powertools/metrics';
 * import type { SharedStateMetrics } from '@bulwark/policies';
 * const metrics: SharedStateMetrics = new Metrics({ namespace: 'orders' });
 * ```
 */
export interface SharedStateMetrics {
  addMetric(name: string, unit: 'Count', value: number): void;
}

/**
 * Options for {@link ssmBreakerState}. Unknown keys are refused (`maxAge` -> did you mean `maxAgeSeconds`).
 *
 * @example
 * ```ts
 * import { ssmBreakerState } from '@bulwark/policies';
 * const shared = ssmBreakerState({ parameterName: '/bulwark/breakers/edna', maxAgeSeconds: 5, readTimeoutMs: 200 });
 * ```
 */
export interface SsmBreakerStateOptions {
  /** The SSM parameter holding this dependency's document, e.g. `/bulwark/breakers/edna`. */
  readonly parameterName: string;
  /**
   * How long a read is reused (Powertools `maxAge`) before the next call triggers a background refresh.
   * One instance costs at most one GetParameter per `maxAgeSeconds` while it is busy, none while idle.
   * @defaultValue 5
   */
  readonly maxAgeSeconds?: number;
  /**
   * The longest the FIRST call of an instance waits for the first read (`ready()`), counted from the
   * moment the SSM client has loaded (loading it is not counted; see `refreshTimeoutMs`). After it, the
   * read goes on in the background and the call proceeds on the local breaker.
   * @defaultValue 300
   */
  readonly readTimeoutMs?: number;
  /**
   * A read still unanswered after this long is given up (its late answer is still used if it arrives),
   * so a hung connection cannot stop later refreshes. Loading the SSM client (or a `provider` factory)
   * is bounded by it too, so `ready()` settles within `refreshTimeoutMs + readTimeoutMs` at worst.
   * @defaultValue 3000
   */
  readonly refreshTimeoutMs?: number;
  /**
   * When no read has succeeded for this long, the last good document is dropped and `current()` returns
   * `undefined`: a fleet `open` must not outlive an SSM outage forever. At least `maxAgeSeconds`.
   * @defaultValue 300
   */
  readonly staleAfterSeconds?: number;
  /**
   * After failures the next read waits `maxAgeSeconds`, then doubles up to this cap, so a throttled or
   * down SSM is not hammered by a whole fleet.
   * @defaultValue 60
   */
  readonly maxBackoffSeconds?: number;
  /**
   * A failure or invalid document is logged at most once per this interval (the first at once; later
   * ones are counted and the count is logged with the next line).
   * @defaultValue 60
   */
  readonly logIntervalSeconds?: number;
  /**
   * The `retryAfterMs` of a refusal when the document gives no usable `retryAt`: a `forced-open`, or an
   * `open` whose `retryAt` has passed (a probe that stopped). Between 1,000 and 120,000.
   * @defaultValue 30000
   */
  readonly retryHintMs?: number;
  /**
   * A document naming another dependency is refused (with a warning). `wrapDependency(name)` sets this
   * to its own name when not given; give it only to use the state on its own.
   * @defaultValue undefined (the name of the dependency it is given to)
   */
  readonly dependency?: string;
  /**
   * The Powertools provider to read through (its cache is used), or a function that builds one (called
   * once, at construction; for a provider you load lazily yourself). Give one to share a provider across
   * dependencies; do not also give `client`.
   * @defaultValue a new `SSMProvider` on `client`
   */
  readonly provider?: ParameterReader | (() => ParameterReader | Promise<ParameterReader>);
  /**
   * The SSM client under the provider.
   * @defaultValue one shared `SSMClient` per process with `maxAttempts: 1` and a 2 s request timeout
   *   (refreshes are retried on the next interval, not inside one read)
   */
  readonly client?: SSMClient;
  /** @defaultValue `console` */
  readonly logger?: SharedStateLogger;
  /** @defaultValue undefined (no metrics) */
  readonly metrics?: SharedStateMetrics;
}

/**
 * A provider as this module uses it: only `get`. Typed by what is called on it, so a Powertools
 * `SSMProvider` of any 2.x version (another copy than ours included) fits.
 */
export interface ParameterReader {
  get(name: string, options: { maxAge: number }): Promise<unknown>;
}

/**
 * What {@link ssmBreakerState} has done so far; for tests, dashboards and the docs' cost figures.
 *
 * @example
 * ```ts
 * import { ssmBreakerState } from '@bulwark/policies';
 * const shared = ssmBreakerState({ parameterName: '/bulwark/breakers/edna' });
 * console.log(shared.stats().reads);
 * ```
 */
export interface SsmBreakerStateStats {
  /** Reads started through the provider (a Powertools cache hit counts, but costs no SSM call). */
  readonly reads: number;
  /** Reads that returned a valid document or found no parameter. */
  readonly successes: number;
  /** Reads that failed (throttled, 5xx, denied, the client failed to load). */
  readonly failures: number;
  /** Reads that returned a document that was refused (not JSON, wrong shape, unknown version, another dependency's). */
  readonly invalidDocuments: number;
  /** Reads that found no parameter (no fleet opinion: the local breaker decides). */
  readonly notFound: number;
  /** Reads given up after `refreshTimeoutMs` (the SSM client did not load, or SSM did not answer). */
  readonly timeouts: number;
}

/**
 * A {@link SharedBreakerState} read from SSM, with counters.
 *
 * @example
 * ```ts
 * import { ssmBreakerState, type SsmBreakerState } from '@bulwark/policies';
 * const shared: SsmBreakerState = ssmBreakerState({ parameterName: '/bulwark/breakers/edna' });
 * await shared.ready();
 * console.log(shared.current()?.state, shared.stats());
 * ```
 */
export interface SsmBreakerState extends SharedBreakerState {
  readonly parameterName: string;
  readonly retryHintMs: number;
  stats(): SsmBreakerStateStats;
}
