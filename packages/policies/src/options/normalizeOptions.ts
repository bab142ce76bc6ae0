// Turns a caller's DependencyOptions into the complete, checked shape the chain runs on. Every rule that
// can be checked at construction is checked here (Polly's validator rules included), so a bad option
// fails the deploy, not the first call.

import { type Classification, classify, describeValue, optionError, readOptions } from '@bulwark/errors';
import type { SharedBreakerState } from '../sharedState/SharedBreakerState.js';
import { type NormalizedAdaptiveThrottle, normalizeAdaptiveThrottle } from '../stages/adaptiveThrottle.js';
import type { NormalizedBreakDuration } from '../stages/breakDuration.js';
import { type NormalizedCooldown, normalizeCooldown } from '../stages/cooldown.js';
import { type NormalizedRateLimit, normalizeRateLimit } from '../stages/rateLimit.js';
import type {
  DeadlineSource,
  DependencyLogger,
  DependencyMetrics,
  DependencyOptions,
  FallbackContext,
} from './DependencyOptions.js';
import { DEFAULT_DEPENDENCY_OPTIONS as D } from './defaults.js';
import { normalizeBreaker } from './normalizeBreaker.js';
import { normalizeRetry } from './normalizeRetry.js';
import { readNumber } from './readNumber.js';

export interface NormalizedBackoff {
  readonly jitter: 'decorrelated' | 'full' | 'none';
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly exponent: number;
}

export interface NormalizedBudget {
  readonly ratio: number;
  readonly minRetriesPerSecond: number;
  readonly windowMs: number;
}

export interface NormalizedSlowCall {
  readonly durationMs: number;
  readonly rateThreshold: number;
  readonly minimumCalls: number;
  readonly windowSize: number;
}

export type NormalizedBreakerKind =
  | { readonly kind: 'consecutive'; readonly threshold: number }
  | {
      readonly kind: 'count';
      readonly failureRatio: number;
      readonly size: number;
      readonly minimumCalls: number;
    }
  | {
      readonly kind: 'sampling';
      readonly failureRatio: number;
      readonly windowMs: number;
      readonly minimumCalls: number;
    };

export type NormalizedBreaker = NormalizedBreakerKind & {
  readonly halfOpenAfterMs: number;
  readonly halfOpenProbes: number;
  readonly halfOpenFailureRatio: number;
  readonly slowCall: NormalizedSlowCall | undefined;
  readonly breakDuration: NormalizedBreakDuration | undefined;
  /** Shadow mode: transitions are computed and reported, calls are never refused for them. */
  readonly shadow: boolean;
};

export interface NormalizedOptions {
  readonly name: string;
  readonly attemptMs: number;
  readonly totalMs: number;
  readonly maxAttempts: number;
  readonly backoff: NormalizedBackoff;
  readonly budget: NormalizedBudget | undefined;
  readonly breaker: NormalizedBreaker | undefined;
  readonly bulkhead: { readonly limit: number; readonly queue: number } | undefined;
  readonly cooldown: NormalizedCooldown | undefined;
  readonly rateLimit: NormalizedRateLimit | undefined;
  readonly adaptiveThrottle: NormalizedAdaptiveThrottle | undefined;
  readonly fallback: ((error: unknown, context: FallbackContext) => unknown) | undefined;
  readonly deadline: DeadlineSource | undefined;
  readonly sharedState: SharedBreakerState | undefined;
  readonly logger: DependencyLogger | false | undefined;
  readonly metrics: DependencyMetrics | undefined;
  readonly classify: (error: unknown) => Classification;
}

const OPTION_KEYS = [
  'timeout',
  'retry',
  'breaker',
  'bulkhead',
  'cooldown',
  'rateLimit',
  'adaptiveThrottle',
  'fallback',
  'deadline',
  'sharedState',
  'logger',
  'metrics',
  'classify',
];
const TIMEOUT_KEYS = ['attemptMs', 'totalMs'];
const BULKHEAD_KEYS = ['limit', 'queue'];

/** `wrapDependency('edna')`, with a name that is safe to print (short, no control characters). */
export function ownerOf(name: string): string {
  return name.length <= 64 && /^[\x20-\x7e]*$/.test(name) && !name.includes("'")
    ? `wrapDependency('${name}')`
    : `wrapDependency(${describeValue(name)})`;
}

/**
 * Whether `value` has every one of `methods` as a function; a hostile getter or Proxy reads as false, and
 * so do null and undefined (reading a method of them throws).
 */
function hasMethods(value: unknown, methods: readonly string[]): boolean {
  try {
    return methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');
  } catch {
    return false;
  }
}

/**
 * Checks and completes options; throws a TypeError naming the dependency, the field, the value (described,
 * never dumped) and, where one helps, the fix. Unknown keys are refused with the nearest valid name.
 */
export function normalizeOptions(name: unknown, options?: DependencyOptions<unknown>): NormalizedOptions {
  if (typeof name !== 'string' || name.trim() === '') {
    throw optionError('wrapDependency', 'name', name, 'a non-empty string');
  }
  const owner = ownerOf(name);
  const o = readOptions(owner, options, OPTION_KEYS);

  // null goes on to readOptions, which refuses it with the same message.
  if (o.timeout !== undefined && typeof o.timeout !== 'object') {
    throw optionError(
      owner,
      'timeout',
      o.timeout,
      'an object',
      o.timeout === false ? 'a timeout cannot be turned off: give larger attemptMs/totalMs' : undefined,
    );
  }
  const t = readOptions(owner, o.timeout, TIMEOUT_KEYS, 'timeout');
  const attemptMs = readNumber(owner, 'timeout.attemptMs', t.attemptMs, D.timeout.attemptMs, {
    min: 1,
    duration: true,
  });
  const totalMs = readNumber(owner, 'timeout.totalMs', t.totalMs, Math.max(D.timeout.totalMs, attemptMs), {
    min: 1,
    duration: true,
  });
  if (attemptMs > totalMs) {
    throw optionError(owner, 'timeout.attemptMs', attemptMs, `<= timeout.totalMs (${totalMs})`);
  }

  const { maxAttempts, backoff, budget } = normalizeRetry(owner, o.retry, totalMs);

  if (
    o.breaker !== undefined &&
    o.breaker !== false &&
    (typeof o.breaker !== 'object' || o.breaker === null)
  ) {
    throw optionError(owner, 'breaker', o.breaker, 'an object or false');
  }
  const breaker = o.breaker === false ? undefined : normalizeBreaker(owner, o.breaker, attemptMs);

  if (
    o.bulkhead !== undefined &&
    o.bulkhead !== false &&
    (typeof o.bulkhead !== 'object' || o.bulkhead === null)
  ) {
    throw optionError(owner, 'bulkhead', o.bulkhead, 'an object or false');
  }
  let bulkhead: NormalizedOptions['bulkhead'];
  if (o.bulkhead !== undefined && o.bulkhead !== false) {
    const h = readOptions(owner, o.bulkhead, BULKHEAD_KEYS, 'bulkhead');
    if (h.limit === undefined)
      throw optionError(owner, 'bulkhead.limit', undefined, 'given (calls in flight at once)');
    bulkhead = {
      limit: readNumber(owner, 'bulkhead.limit', h.limit, 0, { min: 1, max: 1_000_000, integer: true }),
      queue: readNumber(owner, 'bulkhead.queue', h.queue, D.bulkhead.queue, {
        min: 0,
        max: 1_000_000,
        integer: true,
      }),
    };
  }

  for (const field of ['fallback', 'classify'] as const) {
    if (o[field] !== undefined && typeof o[field] !== 'function')
      throw optionError(owner, field, o[field], 'a function');
  }
  const deadline = o.deadline;
  if (
    deadline !== undefined &&
    typeof deadline !== 'function' &&
    !(deadline instanceof AbortSignal) &&
    !hasMethods(deadline, ['getRemainingTimeInMillis'])
  ) {
    throw optionError(
      owner,
      'deadline',
      deadline,
      'an AbortSignal, a { getRemainingTimeInMillis() } object or a function',
    );
  }
  const shared = o.sharedState;
  if (shared !== undefined && !hasMethods(shared, ['current', 'ready'])) {
    throw optionError(owner, 'sharedState', shared, 'a SharedBreakerState (with current() and ready())');
  }
  const logger = o.logger;
  if (logger !== undefined && logger !== false && !hasMethods(logger, ['info', 'warn'])) {
    throw optionError(
      owner,
      'logger',
      logger,
      'a logger with info() and warn(), or false',
      logger === null ? 'use false for no logging' : undefined,
    );
  }
  if (o.metrics !== undefined && !hasMethods(o.metrics, ['addMetric'])) {
    throw optionError(owner, 'metrics', o.metrics, 'a Powertools Metrics (with addMetric())');
  }

  return {
    name,
    attemptMs,
    totalMs,
    maxAttempts,
    backoff,
    budget,
    breaker,
    bulkhead,
    cooldown: normalizeCooldown(owner, o.cooldown),
    rateLimit: normalizeRateLimit(owner, o.rateLimit),
    adaptiveThrottle: normalizeAdaptiveThrottle(owner, o.adaptiveThrottle),
    fallback: o.fallback as NormalizedOptions['fallback'],
    deadline: deadline as DeadlineSource | undefined,
    sharedState: shared as SharedBreakerState | undefined,
    logger: logger as DependencyLogger | false | undefined,
    metrics: o.metrics as DependencyMetrics | undefined,
    classify: (o.classify as NormalizedOptions['classify'] | undefined) ?? classify,
  };
}
