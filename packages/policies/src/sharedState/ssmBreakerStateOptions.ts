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
import type {
  ParameterReader,
  SharedStateLogger,
  SharedStateMetrics,
  SsmBreakerStateOptions,
} from './ssmBreakerStateTypes.js';

export type {
  ParameterReader,
  SharedStateLogger,
  SharedStateMetrics,
  SsmBreakerStateOptions,
} from './ssmBreakerStateTypes.js';

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
/** At least one character (so an empty name fails it too). */
const PARAMETER_NAME = /^[a-zA-Z0-9_.\-/]+$/;
const MAX_SECONDS = MAX_TIMER_MS / 1000;

/** Checks and completes a caller's options; throws a TypeError naming the field and the value. */
export function normalizeSsmBreakerStateOptions(options: unknown): NormalizedSsmBreakerStateOptions {
  const given = readOptions(OWNER, options, KNOWN);
  const { parameterName } = given;
  if (
    typeof parameterName !== 'string' ||
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

/**
 * True when `value` is an object (or function) whose `names` are all functions. A primitive has none of
 * them; null, a revoked Proxy and a throwing getter throw on the lookup, caught here: all false.
 */
function hasMethods(value: unknown, names: readonly string[]): boolean {
  let all = false;
  try {
    all = names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
  } catch {
    // a lookup that throws finds no method
  }
  return all;
}

const consoleLogger: SharedStateLogger = {
  warn: (message, attributes) => console.warn(JSON.stringify({ level: 'WARN', message, ...attributes })),
  info: (message, attributes) => console.info(JSON.stringify({ level: 'INFO', message, ...attributes })),
};
