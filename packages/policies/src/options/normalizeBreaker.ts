// The breaker's options: its kind, the keys that kind takes (a key of another kind is an error with the
// fix, not a silent default), the half-open settings and the slow-call trigger.

import { optionError, readOptions } from '@bulwark/errors';
import { normalizeBreakDuration } from '../stages/breakDuration.js';
import { DEFAULT_DEPENDENCY_OPTIONS as D } from './defaults.js';
import type { NormalizedBreaker, NormalizedBreakerKind, NormalizedSlowCall } from './normalizeOptions.js';
import { readNumber } from './readNumber.js';

const COMMON = [
  'kind',
  'halfOpenAfterMs',
  'halfOpenProbes',
  'halfOpenFailureRatio',
  'slowCall',
  'breakDuration',
  'shadow',
] as const;
/** The keys only one kind (or two) takes, and which kinds those are. */
const KIND_KEYS: Readonly<Record<string, readonly ('consecutive' | 'count' | 'sampling')[]>> = {
  threshold: ['consecutive'],
  failureRatio: ['count', 'sampling'],
  size: ['count'],
  minimumCalls: ['count', 'sampling'],
  windowMs: ['sampling'],
};
const BREAKER_KEYS = [...COMMON, ...Object.keys(KIND_KEYS)];
const SLOW_CALL_KEYS = ['durationMs', 'rateThreshold', 'minimumCalls', 'windowSize'];
const KINDS = ['consecutive', 'count', 'sampling'];

/** Reads `options.breaker` (already known to be an object); `attemptMs` bounds the slow-call and sampling rules. */
export function normalizeBreaker(owner: string, value: unknown, attemptMs: number): NormalizedBreaker {
  const k = readOptions(owner, value, BREAKER_KEYS, 'breaker');
  const kindName = k.kind ?? D.breaker.kind;
  if (!KINDS.includes(kindName as string)) {
    throw optionError(owner, 'breaker.kind', kindName, "'consecutive', 'count' or 'sampling'");
  }
  for (const [key, kinds] of Object.entries(KIND_KEYS)) {
    if (k[key] === undefined || kinds.includes(kindName as never)) continue;
    const which = kinds.map((name) => `'${name}'`).join(' or ');
    const how = `it belongs to kind ${which}${k.kind === undefined ? " (set breaker.kind; the default is 'consecutive')" : ''}`;
    throw optionError(owner, `breaker.${key}`, k[key], `left out with kind '${kindName}'`, how);
  }
  const common = {
    halfOpenAfterMs: readNumber(
      owner,
      'breaker.halfOpenAfterMs',
      k.halfOpenAfterMs,
      D.breaker.halfOpenAfterMs,
      {
        min: 1,
        duration: true,
      },
    ),
    halfOpenProbes: readNumber(owner, 'breaker.halfOpenProbes', k.halfOpenProbes, D.breaker.halfOpenProbes, {
      min: 1,
      max: 1_000,
      integer: true,
    }),
    halfOpenFailureRatio: readNumber(
      owner,
      'breaker.halfOpenFailureRatio',
      k.halfOpenFailureRatio,
      D.breaker.halfOpenFailureRatio,
      { min: 0, max: 1, maxExclusive: true },
    ),
  };
  // Both ratio breakers take a ratio strictly between 0 and 1 (cockatiel throws a RangeError otherwise).
  const failureRatio = (fallback: number): number =>
    readNumber(owner, 'breaker.failureRatio', k.failureRatio, fallback, {
      min: 0,
      max: 1,
      minExclusive: true,
      maxExclusive: true,
    });
  let kind: NormalizedBreakerKind;
  if (kindName === 'consecutive') {
    kind = {
      kind: 'consecutive',
      threshold: readNumber(owner, 'breaker.threshold', k.threshold, D.breaker.threshold, {
        min: 1,
        max: 1_000_000,
        integer: true,
      }),
    };
  } else if (kindName === 'count') {
    const size = readNumber(owner, 'breaker.size', k.size, D.countBreaker.size, {
      min: 1,
      max: 1_000_000,
      integer: true,
    });
    kind = {
      kind: 'count',
      failureRatio: failureRatio(D.countBreaker.failureRatio),
      size,
      minimumCalls: readNumber(
        owner,
        'breaker.minimumCalls',
        k.minimumCalls,
        Math.min(size, D.countBreaker.minimumCalls),
        { min: 1, max: [size, 'breaker.size'], integer: true },
      ),
    };
  } else {
    const windowMs = readNumber(owner, 'breaker.windowMs', k.windowMs, D.samplingBreaker.windowMs, {
      min: 1_000,
      duration: true,
    });
    // Polly's rule: a window shorter than two attempts cannot see an attempt's outcome in time.
    if (windowMs < 2 * attemptMs) {
      throw optionError(owner, 'breaker.windowMs', windowMs, `>= 2 x timeout.attemptMs (${2 * attemptMs})`);
    }
    kind = {
      kind: 'sampling',
      failureRatio: failureRatio(D.samplingBreaker.failureRatio),
      windowMs,
      minimumCalls: readNumber(
        owner,
        'breaker.minimumCalls',
        k.minimumCalls,
        D.samplingBreaker.minimumCalls,
        {
          min: 1,
          max: 1_000_000,
          integer: true,
        },
      ),
    };
  }
  const slowCall = normalizeSlowCall(owner, k.slowCall, attemptMs);
  const breakDuration = normalizeBreakDuration(owner, k.breakDuration, common.halfOpenAfterMs);
  if (k.shadow !== undefined && typeof k.shadow !== 'boolean') {
    throw optionError(owner, 'breaker.shadow', k.shadow, 'a boolean');
  }
  return { ...kind, ...common, slowCall, breakDuration, shadow: k.shadow === true };
}

function normalizeSlowCall(owner: string, value: unknown, attemptMs: number): NormalizedSlowCall | undefined {
  if (value === undefined || value === false) return undefined;
  const s = readOptions(owner, value, SLOW_CALL_KEYS, 'breaker.slowCall');
  if (s.durationMs === undefined) {
    throw optionError(
      owner,
      'breaker.slowCall.durationMs',
      undefined,
      'given (the slow-call threshold, in ms)',
    );
  }
  const durationMs = readNumber(owner, 'breaker.slowCall.durationMs', s.durationMs, 0, {
    min: 1,
    duration: true,
  });
  if (durationMs >= attemptMs) {
    throw optionError(owner, 'breaker.slowCall.durationMs', durationMs, `< timeout.attemptMs (${attemptMs})`);
  }
  const windowSize = readNumber(owner, 'breaker.slowCall.windowSize', s.windowSize, D.slowCall.windowSize, {
    min: 1,
    max: 1_000_000,
    integer: true,
  });
  return {
    durationMs,
    rateThreshold: readNumber(
      owner,
      'breaker.slowCall.rateThreshold',
      s.rateThreshold,
      D.slowCall.rateThreshold,
      {
        min: 0,
        max: 1,
        minExclusive: true,
      },
    ),
    minimumCalls: readNumber(
      owner,
      'breaker.slowCall.minimumCalls',
      s.minimumCalls,
      Math.min(windowSize, D.slowCall.minimumCalls),
      { min: 1, max: [windowSize, 'breaker.slowCall.windowSize'], integer: true },
    ),
    windowSize,
  };
}
