// Turns a caller's DependencyOptions into the complete, checked shape the chain runs on. Every rule that
// can be checked at construction is checked here (Polly's validator rules included), so a bad option
// fails the deploy, not the first call.

import { type Classification, classify } from '@bulwark/errors';
import type { SharedBreakerState } from '../sharedState/SharedBreakerState.js';
import type {
  DeadlineSource,
  DependencyLogger,
  DependencyMetrics,
  DependencyOptions,
  FallbackContext,
} from './DependencyOptions.js';
import { DEFAULT_DEPENDENCY_OPTIONS as D } from './defaults.js';

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
  readonly fallback: ((error: unknown, context: FallbackContext) => unknown) | undefined;
  readonly deadline: DeadlineSource | undefined;
  readonly sharedState: SharedBreakerState | undefined;
  readonly logger: DependencyLogger | false | undefined;
  readonly metrics: DependencyMetrics | undefined;
  readonly classify: (error: unknown) => Classification;
}

const describe = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

/**
 * Checks and completes options; throws a TypeError naming the dependency, the field and the value.
 */
export function normalizeOptions(name: unknown, options: DependencyOptions<unknown> = {}): NormalizedOptions {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TypeError(`wrapDependency: name must be a non-empty string, got ${describe(name)}`);
  }
  const fail = (field: string, value: unknown, rule: string): never => {
    throw new TypeError(`wrapDependency('${name}'): ${field} must be ${rule}, got ${describe(value)}`);
  };
  if (typeof options !== 'object' || options === null) fail('options', options, 'an object');
  const objectOrFalse = (field: string, value: unknown): void => {
    if (value !== undefined && value !== false && (typeof value !== 'object' || value === null)) {
      fail(field, value, 'an object or false');
    }
  };
  const number = (
    field: string,
    value: unknown,
    fallback: number,
    check: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean; integer?: boolean },
  ): number => {
    const v = value === undefined ? fallback : value;
    const { min, max, minExclusive = false, maxExclusive = false, integer = false } = check;
    const rule = [
      integer ? 'an integer' : 'a finite number',
      min === undefined ? '' : ` ${minExclusive ? '>' : '>='} ${min}`,
      max === undefined ? '' : `${min === undefined ? '' : ' and'} ${maxExclusive ? '<' : '<='} ${max}`,
    ].join('');
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)))
      fail(field, v, rule);
    const n = v as number;
    if (min !== undefined && (minExclusive ? n <= min : n < min)) fail(field, v, rule);
    if (max !== undefined && (maxExclusive ? n >= max : n > max)) fail(field, v, rule);
    return n;
  };

  objectOrFalse('timeout', options.timeout);
  const t = options.timeout ?? {};
  const attemptMs = number('timeout.attemptMs', t.attemptMs, D.timeout.attemptMs, { min: 1 });
  const totalMs = number('timeout.totalMs', t.totalMs, Math.max(D.timeout.totalMs, attemptMs), { min: 1 });
  if (attemptMs > totalMs) fail('timeout.attemptMs', attemptMs, `<= timeout.totalMs (${totalMs})`);

  objectOrFalse('retry', options.retry);
  const r = options.retry === false ? { maxAttempts: 1 } : (options.retry ?? {});
  const maxAttempts = number('retry.maxAttempts', r.maxAttempts, D.retry.maxAttempts, {
    min: 1,
    max: 10,
    integer: true,
  });
  objectOrFalse('retry.backoff', r.backoff);
  const b = r.backoff ?? {};
  const jitter = b.jitter ?? D.retry.backoff.jitter;
  if (jitter !== 'decorrelated' && jitter !== 'full' && jitter !== 'none') {
    fail('retry.backoff.jitter', jitter, "'decorrelated', 'full' or 'none'");
  }
  const backoff: NormalizedBackoff = {
    jitter,
    initialDelayMs: number('retry.backoff.initialDelayMs', b.initialDelayMs, D.retry.backoff.initialDelayMs, {
      min: 0,
    }),
    maxDelayMs: number('retry.backoff.maxDelayMs', b.maxDelayMs, D.retry.backoff.maxDelayMs, { min: 0 }),
    exponent: number('retry.backoff.exponent', b.exponent, D.retry.backoff.exponent, { min: 1 }),
  };
  if (backoff.initialDelayMs > backoff.maxDelayMs) {
    fail(
      'retry.backoff.initialDelayMs',
      backoff.initialDelayMs,
      `<= retry.backoff.maxDelayMs (${backoff.maxDelayMs})`,
    );
  }
  // Polly's rule: the worst-case sum of the delays (before jitter) must fit in the total timeout.
  let worstDelays = 0;
  for (let i = 0; i < maxAttempts - 1; i++) {
    worstDelays += Math.min(backoff.maxDelayMs, backoff.initialDelayMs * backoff.exponent ** i);
  }
  if (worstDelays >= totalMs) {
    fail(
      'retry',
      { maxAttempts, ...backoff },
      `such that the summed backoff (${Math.round(worstDelays)} ms) is < timeout.totalMs (${totalMs})`,
    );
  }

  objectOrFalse('retry.budget', r.budget);
  let budget: NormalizedBudget | undefined;
  if (r.budget !== false && maxAttempts > 1) {
    const g = r.budget ?? {};
    budget = {
      ratio: number('retry.budget.ratio', g.ratio, D.retry.budget.ratio, { min: 0 }),
      minRetriesPerSecond: number(
        'retry.budget.minRetriesPerSecond',
        g.minRetriesPerSecond,
        D.retry.budget.minRetriesPerSecond,
        { min: 0 },
      ),
      windowMs: number('retry.budget.windowMs', g.windowMs, D.retry.budget.windowMs, { min: 1_000 }),
    };
  }

  objectOrFalse('breaker', options.breaker);
  let breaker: NormalizedBreaker | undefined;
  if (options.breaker !== false) {
    const k = options.breaker ?? {};
    const common = {
      halfOpenAfterMs: number('breaker.halfOpenAfterMs', k.halfOpenAfterMs, D.breaker.halfOpenAfterMs, {
        min: 1,
      }),
      halfOpenProbes: number('breaker.halfOpenProbes', k.halfOpenProbes, D.breaker.halfOpenProbes, {
        min: 1,
        integer: true,
      }),
      halfOpenFailureRatio: number(
        'breaker.halfOpenFailureRatio',
        k.halfOpenFailureRatio,
        D.breaker.halfOpenFailureRatio,
        { min: 0, max: 1, maxExclusive: true },
      ),
    };
    // Both ratio breakers take a ratio strictly between 0 and 1 (cockatiel throws a RangeError otherwise).
    const failureRatio = (value: number | undefined, fallback: number): number =>
      number('breaker.failureRatio', value, fallback, {
        min: 0,
        max: 1,
        minExclusive: true,
        maxExclusive: true,
      });
    let kind: NormalizedBreakerKind;
    const kindName = k.kind ?? D.breaker.kind;
    if (kindName === 'consecutive') {
      const c = k as { threshold?: number };
      kind = {
        kind: 'consecutive',
        threshold: number('breaker.threshold', c.threshold, D.breaker.threshold, { min: 1, integer: true }),
      };
    } else if (kindName === 'count') {
      const c = k as { failureRatio?: number; size?: number; minimumCalls?: number };
      const size = number('breaker.size', c.size, D.countBreaker.size, { min: 1, integer: true });
      kind = {
        kind: 'count',
        failureRatio: failureRatio(c.failureRatio, D.countBreaker.failureRatio),
        size,
        minimumCalls: number(
          'breaker.minimumCalls',
          c.minimumCalls,
          Math.min(size, D.countBreaker.minimumCalls),
          {
            min: 1,
            max: size,
            integer: true,
          },
        ),
      };
    } else if (kindName === 'sampling') {
      const c = k as { failureRatio?: number; windowMs?: number; minimumCalls?: number };
      const windowMs = number('breaker.windowMs', c.windowMs, D.samplingBreaker.windowMs, { min: 1_000 });
      // Polly's rule: a window shorter than two attempts cannot see an attempt's outcome in time.
      if (windowMs < 2 * attemptMs)
        fail('breaker.windowMs', windowMs, `>= 2 x timeout.attemptMs (${2 * attemptMs})`);
      kind = {
        kind: 'sampling',
        failureRatio: failureRatio(c.failureRatio, D.samplingBreaker.failureRatio),
        windowMs,
        minimumCalls: number('breaker.minimumCalls', c.minimumCalls, D.samplingBreaker.minimumCalls, {
          min: 1,
          integer: true,
        }),
      };
    } else {
      return fail('breaker.kind', kindName, "'consecutive', 'count' or 'sampling'");
    }
    objectOrFalse('breaker.slowCall', k.slowCall);
    let slowCall: NormalizedSlowCall | undefined;
    if (k.slowCall) {
      const s = k.slowCall;
      const windowSize = number('breaker.slowCall.windowSize', s.windowSize, D.slowCall.windowSize, {
        min: 1,
        integer: true,
      });
      slowCall = {
        durationMs: number('breaker.slowCall.durationMs', s.durationMs, Number.NaN, { min: 1 }),
        rateThreshold: number('breaker.slowCall.rateThreshold', s.rateThreshold, D.slowCall.rateThreshold, {
          min: 0,
          max: 1,
          minExclusive: true,
        }),
        minimumCalls: number(
          'breaker.slowCall.minimumCalls',
          s.minimumCalls,
          Math.min(windowSize, D.slowCall.minimumCalls),
          { min: 1, max: windowSize, integer: true },
        ),
        windowSize,
      };
      if (slowCall.durationMs >= attemptMs) {
        fail('breaker.slowCall.durationMs', slowCall.durationMs, `< timeout.attemptMs (${attemptMs})`);
      }
    }
    breaker = { ...kind, ...common, slowCall };
  }

  objectOrFalse('bulkhead', options.bulkhead);
  let bulkhead: NormalizedOptions['bulkhead'];
  if (options.bulkhead) {
    const h = options.bulkhead;
    bulkhead = {
      limit: number('bulkhead.limit', h.limit, Number.NaN, { min: 1, integer: true }),
      queue: number('bulkhead.queue', h.queue, D.bulkhead.queue, { min: 0, integer: true }),
    };
  }

  if (options.fallback !== undefined && typeof options.fallback !== 'function') {
    fail('fallback', options.fallback, 'a function');
  }
  const deadline = options.deadline;
  if (
    deadline !== undefined &&
    typeof deadline !== 'function' &&
    !(deadline instanceof AbortSignal) &&
    typeof (deadline as { getRemainingTimeInMillis?: unknown }).getRemainingTimeInMillis !== 'function'
  ) {
    fail('deadline', deadline, 'an AbortSignal, a { getRemainingTimeInMillis() } object or a function');
  }
  const shared = options.sharedState;
  if (shared !== undefined && (typeof shared?.current !== 'function' || typeof shared.ready !== 'function')) {
    fail('sharedState', shared, 'a SharedBreakerState (with current() and ready())');
  }
  const logger = options.logger;
  if (
    logger !== undefined &&
    logger !== false &&
    (typeof logger?.warn !== 'function' || typeof logger.info !== 'function')
  ) {
    fail('logger', logger, 'a logger with info() and warn(), or false');
  }
  if (options.metrics !== undefined && typeof options.metrics?.addMetric !== 'function') {
    fail('metrics', options.metrics, 'a Powertools Metrics (with addMetric())');
  }
  if (options.classify !== undefined && typeof options.classify !== 'function') {
    fail('classify', options.classify, 'a function');
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
    fallback: options.fallback as NormalizedOptions['fallback'],
    deadline,
    sharedState: shared,
    logger,
    metrics: options.metrics,
    classify: options.classify ?? classify,
  };
}
