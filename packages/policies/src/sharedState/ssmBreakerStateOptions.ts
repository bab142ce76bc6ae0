// What ssmBreakerState accepts, its defaults, and the one place that checks a caller's options: every
// wrong option is a TypeError at construction naming the field, the value (described, never dumped: a
// client or provider may hold credentials) and the fix.
import type { SSMClient } from '@aws-sdk/client-ssm';
import {
  MAX_RETRY_AFTER_MS,
  MAX_TIMER_MS,
  MIN_RETRY_HINT_MS,
  optionError,
  readOptions,
} from '@bulwark/errors';
import { checkDependencyName } from './dependencyName.js';
import { DEFAULT_FLEET_RETRY_HINT_MS } from './fleetRetryAfter.js';

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
  retryHintMs: DEFAULT_FLEET_RETRY_HINT_MS,
} as const);

/**
 * A provider as this module uses it: only `get`. Typed by what is called on it, so a Powertools
 * `SSMProvider` of any 2.x version (another copy than ours included) fits.
 */
export interface ParameterReader {
  get(name: string, options: { maxAge: number }): Promise<unknown>;
}

export interface NormalizedSsmBreakerStateOptions {
  readonly parameterName: string;
  readonly maxAgeMs: number;
  readonly maxAgeSeconds: number;
  readonly readTimeoutMs: number;
  readonly refreshTimeoutMs: number;
  readonly staleAfterMs: number;
  readonly maxBackoffMs: number;
  readonly logIntervalMs: number;
  readonly retryHintMs: number;
  readonly dependency: string | undefined;
  readonly provider: ParameterReader | (() => unknown) | undefined;
  readonly client: SSMClient | undefined;
  readonly logger: SharedStateLogger;
  readonly metrics: SharedStateMetrics | undefined;
}

const OWNER = 'ssmBreakerState';
const KNOWN = [
  'parameterName',
  'maxAgeSeconds',
  'readTimeoutMs',
  'refreshTimeoutMs',
  'staleAfterSeconds',
  'maxBackoffSeconds',
  'logIntervalSeconds',
  'retryHintMs',
  'dependency',
  'provider',
  'client',
  'logger',
  'metrics',
] as const;
const MAX_PARAMETER_NAME_LENGTH = 2048;
const PARAMETER_NAME = /^[a-zA-Z0-9_.\-/]+$/;
const MAX_SECONDS = MAX_TIMER_MS / 1000;

/** Checks and completes a caller's options; throws a TypeError naming the field and the value. */
export function normalizeSsmBreakerStateOptions(options: unknown): NormalizedSsmBreakerStateOptions {
  const given = readOptions(OWNER, options, KNOWN);
  const { parameterName } = given;
  if (
    typeof parameterName !== 'string' ||
    parameterName.length === 0 ||
    parameterName.length > MAX_PARAMETER_NAME_LENGTH ||
    !PARAMETER_NAME.test(parameterName)
  ) {
    throw optionError(
      OWNER,
      'parameterName',
      parameterName,
      `an SSM parameter name of 1-${MAX_PARAMETER_NAME_LENGTH} characters of a-z A-Z 0-9 _ . - /`,
      "e.g. '/bulwark/breakers/edna'",
    );
  }
  const read = (field: (typeof KNOWN)[number]): unknown =>
    given[field] === undefined
      ? DEFAULT_SSM_BREAKER_STATE[field as keyof typeof DEFAULT_SSM_BREAKER_STATE]
      : given[field];
  const seconds = (field: (typeof KNOWN)[number]): number =>
    duration(field, read(field), MAX_SECONDS, 'seconds');
  const ms = (field: (typeof KNOWN)[number]): number => duration(field, read(field), MAX_TIMER_MS, 'ms');
  const maxAgeSeconds = seconds('maxAgeSeconds');
  const readTimeoutMs = ms('readTimeoutMs');
  const refreshTimeoutMs = ms('refreshTimeoutMs');
  const staleAfterSeconds = seconds('staleAfterSeconds');
  const maxBackoffSeconds = seconds('maxBackoffSeconds');
  const logIntervalSeconds = seconds('logIntervalSeconds');
  if (refreshTimeoutMs < readTimeoutMs) {
    throw optionError(OWNER, 'refreshTimeoutMs', refreshTimeoutMs, `>= readTimeoutMs (${readTimeoutMs})`);
  }
  if (staleAfterSeconds < maxAgeSeconds) {
    throw optionError(
      OWNER,
      'staleAfterSeconds',
      staleAfterSeconds,
      `>= maxAgeSeconds (${maxAgeSeconds})`,
      'a document cannot go stale before it is due for a refresh',
    );
  }
  const retryHintMs = read('retryHintMs');
  if (
    typeof retryHintMs !== 'number' ||
    !(retryHintMs >= MIN_RETRY_HINT_MS && retryHintMs <= MAX_RETRY_AFTER_MS)
  ) {
    throw optionError(
      OWNER,
      'retryHintMs',
      retryHintMs,
      `a number of ms between ${MIN_RETRY_HINT_MS} and ${MAX_RETRY_AFTER_MS}`,
    );
  }
  const dependency =
    given.dependency === undefined ? undefined : checkDependencyName(OWNER, 'dependency', given.dependency);
  const { provider, client, logger, metrics } = given;
  if (provider !== undefined && client !== undefined) {
    throw new TypeError(`${OWNER}: give provider or client, not both (a provider already holds its client)`);
  }
  if (provider !== undefined && typeof provider !== 'function' && !hasMethods(provider, ['get'])) {
    throw optionError(
      OWNER,
      'provider',
      provider,
      'a Powertools SSMProvider (an object with get()) or a function returning one',
    );
  }
  if (client !== undefined && !hasMethods(client, ['send'])) {
    throw optionError(OWNER, 'client', client, 'an SSMClient of @aws-sdk/client-ssm (an object with send())');
  }
  if (logger !== undefined && !hasMethods(logger, ['warn', 'info'])) {
    throw optionError(
      OWNER,
      'logger',
      logger,
      'an object with warn() and info() (Powertools Logger, console)',
    );
  }
  if (metrics !== undefined && !hasMethods(metrics, ['addMetric'])) {
    throw optionError(OWNER, 'metrics', metrics, 'an object with addMetric() (Powertools Metrics)');
  }
  return {
    parameterName,
    maxAgeSeconds,
    maxAgeMs: maxAgeSeconds * 1000,
    readTimeoutMs,
    refreshTimeoutMs,
    staleAfterMs: staleAfterSeconds * 1000,
    maxBackoffMs: Math.max(maxBackoffSeconds, maxAgeSeconds) * 1000,
    logIntervalMs: logIntervalSeconds * 1000,
    retryHintMs,
    dependency,
    provider: provider as NormalizedSsmBreakerStateOptions['provider'],
    client: client as SSMClient | undefined,
    logger: (logger as SharedStateLogger | undefined) ?? consoleLogger,
    metrics: metrics as SharedStateMetrics | undefined,
  };
}

function duration(field: string, value: unknown, max: number, unit: 'ms' | 'seconds'): number {
  if (typeof value !== 'number' || !(value > 0 && value <= max)) {
    throw optionError(
      OWNER,
      field,
      value,
      `a number of ${unit} above 0 and at most ${max}`,
      'Node fires a longer timer after 1 ms (MAX_TIMER_MS)',
    );
  }
  return value;
}

/** True when `value` is an object (or function) whose `names` are all functions; a throwing Proxy is false. */
function hasMethods(value: unknown, names: readonly string[]): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  try {
    return names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
  } catch {
    return false;
  }
}

const consoleLogger: SharedStateLogger = {
  warn: (message, attributes) => console.warn(JSON.stringify({ level: 'WARN', message, ...attributes })),
  info: (message, attributes) => console.info(JSON.stringify({ level: 'INFO', message, ...attributes })),
};
