// Reads a fleet breaker state from one SSM parameter through Powertools parameters, without ever
// making a call wait on SSM beyond the first, bounded read (fail-static).
// The AWS SDK and Powertools parameters are loaded on first use (started at construction), so importing
// @bulwark/policies costs nothing for code that does not share breaker state.
import type { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { parseBreakerDocument } from './breakerDocument.js';
import type { BreakerStateDocument, SharedBreakerState } from './SharedBreakerState.js';

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
 * Options for {@link ssmBreakerState}.
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
   * The longest the FIRST call of an instance waits for the first read (`ready()`). After it, the read
   * goes on in the background and the call proceeds on the local breaker.
   * @defaultValue 300
   */
  readonly readTimeoutMs?: number;
  /**
   * A read still unanswered after this long is given up (its late answer is still used if it arrives),
   * so a hung connection cannot stop later refreshes.
   * @defaultValue 3000
   */
  readonly refreshTimeoutMs?: number;
  /**
   * When no read has succeeded for this long, the last good document is dropped and `current()` returns
   * `undefined`: a fleet `open` must not outlive an SSM outage forever.
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
   * When set, a document naming another dependency is refused.
   * @defaultValue undefined
   */
  readonly dependency?: string;
  /**
   * The Powertools provider to read through (its cache is used). Give one to share a provider across
   * dependencies; do not also give `client`.
   * Typed by what is called on it, so a Powertools `SSMProvider` of any 2.x version fits.
   * @defaultValue a new `SSMProvider` on `client`
   */
  readonly provider?: { get(name: string, options: { maxAge: number }): Promise<unknown> };
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
 * The defaults of {@link SsmBreakerStateOptions}.
 *
 * @example
 * ```ts
 * import { DEFAULT_SSM_BREAKER_STATE } from '@bulwark/policies';
 * console.log(DEFAULT_SSM_BREAKER_STATE.maxAgeSeconds); // 5
 * ```
 */
export const DEFAULT_SSM_BREAKER_STATE = Object.freeze({
  maxAgeSeconds: 5,
  readTimeoutMs: 300,
  refreshTimeoutMs: 3000,
  staleAfterSeconds: 300,
  maxBackoffSeconds: 60,
  logIntervalSeconds: 60,
} as const);

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
  /** Reads that failed (throttled, 5xx, denied, timed out). */
  readonly failures: number;
  /** Reads that returned a document that was refused (not JSON, wrong shape, unknown version). */
  readonly invalidDocuments: number;
  /** Reads that found no parameter (no fleet opinion: the local breaker decides). */
  readonly notFound: number;
  /** Reads given up after `refreshTimeoutMs`. */
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
  stats(): SsmBreakerStateStats;
}

interface NormalizedOptions {
  readonly parameterName: string;
  readonly maxAgeMs: number;
  readonly maxAgeSeconds: number;
  readonly readTimeoutMs: number;
  readonly refreshTimeoutMs: number;
  readonly staleAfterMs: number;
  readonly maxBackoffMs: number;
  readonly logIntervalMs: number;
  readonly dependency: string | undefined;
  readonly provider: SsmBreakerStateOptions['provider'] | undefined;
  readonly client: SSMClient | undefined;
  readonly logger: SharedStateLogger;
  readonly metrics: SharedStateMetrics | undefined;
}

const PARAMETER_NAME = /^[a-zA-Z0-9_.\-/]+$/;

/**
 * A fleet breaker state kept in one SSM parameter, for `wrapDependency(name, { sharedState })`.
 *
 * - The first `ready()` (awaited by a dependency's first call) waits at most `readTimeoutMs`.
 * - `current()` is synchronous and returns the last valid document; when it is older than
 *   `maxAgeSeconds` it starts ONE background refresh (concurrent calls share it) and returns at once.
 * - SSM throttled, failing, hanging, or a refused document: `current()` keeps the last good document
 *   (until `staleAfterSeconds`) or `undefined`, logs once per `logIntervalSeconds`, never throws.
 *
 * @throws TypeError at construction for an invalid option, naming the field and the value.
 * @example
 * ```ts
 * import { ssmBreakerState, wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', {
 *   sharedState: ssmBreakerState({ parameterName: '/bulwark/breakers/edna', maxAgeSeconds: 5 }),
 * });
 * ```
 */
export function ssmBreakerState(options: SsmBreakerStateOptions): SsmBreakerState {
  const o = normalize(options);
  let good: BreakerStateDocument | undefined;
  let goodAt = 0;
  let started = false;
  let readyPromise: Promise<void> | undefined;
  let inFlight: number | undefined;
  let nextAttemptAt = 0;
  let attempts = 0;
  let lastAdopted = 0;
  let consecutiveFailures = 0;
  let lastLogAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  let loggedStale = false;
  const stats = { reads: 0, successes: 0, failures: 0, invalidDocuments: 0, notFound: 0, timeouts: 0 };
  const provider: Promise<NonNullable<SsmBreakerStateOptions['provider']>> =
    o.provider === undefined ? defaultProvider(o.client) : Promise.resolve(o.provider);
  // An import failure surfaces as a failed read (fail-static), not as an unhandled rejection.
  provider.catch(() => undefined);

  function log(level: 'warn' | 'info', message: string, attributes: Record<string, unknown>): void {
    const now = Date.now();
    if (level === 'warn' && now - lastLogAt < o.logIntervalMs) {
      suppressed++;
      return;
    }
    if (level === 'warn') lastLogAt = now;
    const extra = suppressed > 0 ? { suppressedSinceLastLog: suppressed } : {};
    suppressed = 0;
    try {
      o.logger[level](message, { parameterName: o.parameterName, ...attributes, ...extra });
    } catch {
      // A broken logger must not turn a state read into a failed call.
    }
  }

  function count(name: string): void {
    try {
      o.metrics?.addMetric(name, 'Count', 1);
    } catch {
      // Same as above: metrics are advisory.
    }
  }

  function failed(kind: 'failure' | 'timeout', error: unknown): void {
    consecutiveFailures++;
    nextAttemptAt = Date.now() + Math.min(o.maxAgeMs * 2 ** (consecutiveFailures - 1), o.maxBackoffMs);
    if (kind === 'timeout') stats.timeouts++;
    else stats.failures++;
    count(kind === 'timeout' ? 'SharedStateReadTimeout' : 'SharedStateReadFailure');
    log('warn', 'Shared breaker state could not be read; the local breaker decides', {
      error: describeError(error),
      consecutiveFailures,
      keeping: good === undefined ? 'nothing' : good.state,
      nextAttemptInMs: nextAttemptAt - Date.now(),
    });
  }

  function adopt(value: unknown): void {
    const now = Date.now();
    nextAttemptAt = now + o.maxAgeMs;
    if (value === undefined) {
      // No parameter: no fleet opinion. Not a failure; the probe has simply not written yet.
      stats.notFound++;
      recovered();
      good = undefined;
      return;
    }
    const text = typeof value === 'string' ? value : new TextDecoder().decode(value as Uint8Array);
    const parsed = parseBreakerDocument(text, o.dependency === undefined ? {} : { dependency: o.dependency });
    if (!parsed.ok) {
      stats.invalidDocuments++;
      count('SharedStateInvalidDocument');
      log('warn', 'Shared breaker state document refused; it is ignored', {
        problem: parsed.problem,
        detail: parsed.message,
        keeping: good === undefined ? 'nothing' : good.state,
      });
      return;
    }
    stats.successes++;
    recovered();
    good = parsed.document;
    goodAt = now;
    loggedStale = false;
  }

  function recovered(): void {
    if (consecutiveFailures > 0) {
      log('info', 'Shared breaker state readable again', { afterFailures: consecutiveFailures });
    }
    consecutiveFailures = 0;
  }

  function refresh(): Promise<void> {
    const seq = ++attempts;
    inFlight = seq;
    stats.reads++;
    return new Promise<void>((resolve) => {
      const giveUp = setTimeout(() => {
        if (inFlight === seq) {
          inFlight = undefined;
          failed('timeout', new Error(`no answer from SSM within ${o.refreshTimeoutMs} ms`));
        }
        resolve();
      }, o.refreshTimeoutMs);
      giveUp.unref?.();
      read().then(
        (value) => {
          clearTimeout(giveUp);
          if (inFlight === seq) inFlight = undefined;
          // A late answer is still news, unless a newer read has already been adopted.
          if (seq > lastAdopted) {
            lastAdopted = seq;
            adopt(value);
          }
          resolve();
        },
        (error: unknown) => {
          clearTimeout(giveUp);
          if (inFlight === seq) {
            inFlight = undefined;
            failed('failure', error);
          }
          resolve();
        },
      );
    });
  }

  async function read(): Promise<unknown> {
    try {
      return await (await provider).get(o.parameterName, { maxAge: o.maxAgeSeconds });
    } catch (error: unknown) {
      if (isParameterNotFound(error)) return undefined;
      throw error;
    }
  }

  function start(): Promise<void> {
    started = true;
    const first = refresh();
    readyPromise = new Promise<void>((resolve) => {
      const bound = setTimeout(resolve, o.readTimeoutMs);
      bound.unref?.();
      void first.then(() => {
        clearTimeout(bound);
        resolve();
      });
    });
    return readyPromise;
  }

  return {
    parameterName: o.parameterName,
    ready(): Promise<void> {
      return readyPromise ?? start();
    },
    current(): BreakerStateDocument | undefined {
      if (!started) void start();
      const now = Date.now();
      // Strictly after: Powertools' cache entry expires at the same instant, so the refresh is a real read.
      if (inFlight === undefined && now > nextAttemptAt) void refresh();
      if (good !== undefined && now - goodAt > o.staleAfterMs) {
        if (!loggedStale) {
          loggedStale = true;
          log('warn', 'Shared breaker state is stale; dropped until SSM answers again', {
            droppedState: good.state,
            ageMs: now - goodAt,
          });
        }
        good = undefined;
      }
      return good;
    },
    stats: () => ({ ...stats }),
  };
}

let defaultClient: Promise<SSMClient> | undefined;

async function defaultProvider(client: SSMClient | undefined): Promise<SSMProvider> {
  const { SSMProvider } = await import('@aws-lambda-powertools/parameters/ssm');
  return new SSMProvider({ awsSdkV3Client: client ?? (await sharedDefaultClient()) });
}

function sharedDefaultClient(): Promise<SSMClient> {
  defaultClient ??= import('@aws-sdk/client-ssm').then(
    ({ SSMClient }) =>
      new SSMClient({
        maxAttempts: 1,
        requestHandler: { connectionTimeout: 1000, requestTimeout: 2000, throwOnRequestTimeout: true },
      }),
  );
  return defaultClient;
}

function normalize(options: SsmBreakerStateOptions): NormalizedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`ssmBreakerState: options must be an object, got ${String(options)}`);
  }
  const { parameterName } = options;
  if (typeof parameterName !== 'string' || parameterName.length === 0 || parameterName.length > 2048) {
    throw new TypeError(
      `ssmBreakerState: "parameterName" must be a non-empty string, got ${JSON.stringify(parameterName)}`,
    );
  }
  if (!PARAMETER_NAME.test(parameterName)) {
    throw new TypeError(
      `ssmBreakerState: "parameterName" may hold only a-zA-Z0-9_.-/, got ${JSON.stringify(parameterName)}`,
    );
  }
  const merged = { ...DEFAULT_SSM_BREAKER_STATE, ...withoutUndefined(options) };
  for (const field of [
    'maxAgeSeconds',
    'readTimeoutMs',
    'refreshTimeoutMs',
    'staleAfterSeconds',
    'maxBackoffSeconds',
    'logIntervalSeconds',
  ] as const) {
    const value: unknown = merged[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new TypeError(
        `ssmBreakerState: "${field}" must be a positive finite number, got ${String(value)}`,
      );
    }
  }
  if (merged.refreshTimeoutMs < merged.readTimeoutMs) {
    throw new TypeError(
      `ssmBreakerState: "refreshTimeoutMs" (${merged.refreshTimeoutMs}) must be >= "readTimeoutMs" (${merged.readTimeoutMs})`,
    );
  }
  if (options.provider !== undefined && options.client !== undefined) {
    throw new TypeError('ssmBreakerState: give "provider" or "client", not both');
  }
  if (options.dependency !== undefined && (typeof options.dependency !== 'string' || !options.dependency)) {
    throw new TypeError(
      `ssmBreakerState: "dependency" must be a non-empty string, got ${JSON.stringify(options.dependency)}`,
    );
  }
  return {
    parameterName,
    maxAgeSeconds: merged.maxAgeSeconds,
    maxAgeMs: merged.maxAgeSeconds * 1000,
    readTimeoutMs: merged.readTimeoutMs,
    refreshTimeoutMs: merged.refreshTimeoutMs,
    staleAfterMs: merged.staleAfterSeconds * 1000,
    maxBackoffMs: Math.max(merged.maxBackoffSeconds, merged.maxAgeSeconds) * 1000,
    logIntervalMs: merged.logIntervalSeconds * 1000,
    dependency: options.dependency,
    provider: options.provider,
    client: options.client,
    logger: options.logger ?? consoleLogger,
    metrics: options.metrics,
  };
}

const consoleLogger: SharedStateLogger = {
  warn: (message, attributes) => console.warn(JSON.stringify({ level: 'WARN', message, ...attributes })),
  info: (message, attributes) => console.info(JSON.stringify({ level: 'INFO', message, ...attributes })),
};

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isParameterNotFound(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === 'ParameterNotFound' || name === 'ParameterNotFoundError') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function describeError(error: unknown): string {
  let e: unknown = error;
  // Powertools wraps SDK errors in GetParameterError; the SDK's name (ThrottlingException...) is what helps.
  while (e instanceof Error && e.name === 'GetParameterError' && e.cause !== undefined) e = e.cause;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
