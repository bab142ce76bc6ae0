// Construction-time behaviour of ssmBreakerState: defaults, the bounds of every duration at their edges,
// the exact messages a caller reads, the read it starts. Its reads are tested against the SSM emulator in
// test/shared-state/ and test/policies/sharedState/; collaborators (provider, client, logger, metrics) in
// ssmBreakerStateCollaborators.test.ts; the documented defaults in ssmBreakerStateOptions.docs.test.ts.
import { MAX_TIMER_MS } from '@bulwark/errors';
import { describe, expect, it } from 'vitest';
import { ssmBreakerState } from './ssmBreakerState.js';
import { DEFAULT_SSM_BREAKER_STATE, normalizeSsmBreakerStateOptions } from './ssmBreakerStateOptions.js';

const NAME = '/bulwark/breakers/edna';
const TIMER_FIX = 'Node fires a longer timer after 1 ms (MAX_TIMER_MS)';
const MAX_SECONDS = MAX_TIMER_MS / 1000;

/** The options with only a parameter name and `extra`. */
const normalize = (extra: Record<string, unknown> = {}) =>
  normalizeSsmBreakerStateOptions({ parameterName: NAME, ...extra });

describe('DEFAULT_SSM_BREAKER_STATE', () => {
  it('is frozen against accidental edits by callers', () => {
    expect(Object.isFrozen(DEFAULT_SSM_BREAKER_STATE)).toBe(true);
  });

  it('fills every option left out, in the unit each is used in', () => {
    // Act
    const o = normalize();

    // Assess
    expect(o).toMatchObject({
      parameterName: NAME,
      maxAgeSeconds: 5,
      maxAgeMs: 5_000,
      readTimeoutMs: 300,
      refreshTimeoutMs: 3_000,
      staleAfterMs: 300_000,
      maxBackoffMs: 60_000,
      logIntervalMs: 60_000,
      retryHintMs: 30_000,
      dependency: undefined,
      provider: undefined,
      client: undefined,
      metrics: undefined,
    });
  });

  it('keeps what the caller gave, converted to ms', () => {
    // Act
    const o = normalize({
      maxAgeSeconds: 10,
      readTimeoutMs: 200,
      refreshTimeoutMs: 900,
      staleAfterSeconds: 40,
      maxBackoffSeconds: 30,
      logIntervalSeconds: 7,
      retryHintMs: 45_000,
      dependency: 'edna',
    });

    // Assess
    expect(o).toMatchObject({
      maxAgeSeconds: 10,
      maxAgeMs: 10_000,
      readTimeoutMs: 200,
      refreshTimeoutMs: 900,
      staleAfterMs: 40_000,
      maxBackoffMs: 30_000,
      logIntervalMs: 7_000,
      retryHintMs: 45_000,
      dependency: 'edna',
    });
  });

  it('never backs off for less than maxAgeSeconds (a failing read must not be retried sooner than a good one)', () => {
    expect(normalize({ maxAgeSeconds: 120, maxBackoffSeconds: 60 }).maxBackoffMs).toBe(120_000);
  });
});

describe('ssmBreakerState parameterName', () => {
  const rule =
    'ssmBreakerState: parameterName must be an SSM parameter name of 1-2048 characters of a-z A-Z 0-9 _ . - /';
  const fix = "; e.g. '/bulwark/breakers/edna'";

  it.each([
    [undefined, 'undefined'],
    [42, '42'],
    ['', '""'],
    ['/edna breakers', '"/edna breakers"'],
    ['/edna?x=1', '"/edna?x=1"'],
  ])('refuses %o with the whole message', (parameterName, shown) => {
    expect(() => normalize({ parameterName })).toThrow(new TypeError(`${rule}, got ${shown}${fix}`));
  });

  it('accepts 2,048 characters and refuses 2,049', () => {
    const longest = `/${'a'.repeat(2_047)}`;
    expect(normalize({ parameterName: longest }).parameterName).toBe(longest);
    expect(() => normalize({ parameterName: `${longest}a` })).toThrow(/parameterName must be/);
  });

  it('accepts every character SSM allows in a name', () => {
    const name = '/Bulwark_breakers/edna-1.2/x';
    expect(normalize({ parameterName: name }).parameterName).toBe(name);
  });

  it('refuses missing options as a missing parameterName', () => {
    expect(() => normalizeSsmBreakerStateOptions(undefined)).toThrow(`${rule}, got undefined${fix}`);
  });
});

describe('ssmBreakerState durations', () => {
  it.each(['maxAgeSeconds', 'staleAfterSeconds', 'maxBackoffSeconds', 'logIntervalSeconds'])(
    'refuses %s: 0, "60" and beyond MAX_TIMER_MS / 1000, with the whole message',
    (field) => {
      const rule = `ssmBreakerState: ${field} must be a number of seconds above 0 and at most ${MAX_SECONDS}`;
      expect(() => normalize({ [field]: 0 })).toThrow(new TypeError(`${rule}, got 0; ${TIMER_FIX}`));
      expect(() => normalize({ [field]: '60' })).toThrow(new TypeError(`${rule}, got "60"; ${TIMER_FIX}`));
      expect(() => normalize({ staleAfterSeconds: MAX_SECONDS, [field]: MAX_SECONDS + 0.001 })).toThrow(
        `${rule}, got ${MAX_SECONDS + 0.001}`,
      );
    },
  );

  it.each(['readTimeoutMs', 'refreshTimeoutMs'])(
    'refuses %s: -1, NaN and beyond MAX_TIMER_MS, with the whole message',
    (field) => {
      const rule = `ssmBreakerState: ${field} must be a number of ms above 0 and at most ${MAX_TIMER_MS}`;
      expect(() => normalize({ [field]: -1 })).toThrow(new TypeError(`${rule}, got -1; ${TIMER_FIX}`));
      expect(() => normalize({ [field]: Number.NaN })).toThrow(`${rule}, got NaN; ${TIMER_FIX}`);
      expect(() => normalize({ [field]: MAX_TIMER_MS + 1 })).toThrow(`${rule}, got ${MAX_TIMER_MS + 1}`);
    },
  );

  it('accepts every duration at its upper edge', () => {
    // Act
    const o = normalize({
      maxAgeSeconds: MAX_SECONDS,
      staleAfterSeconds: MAX_SECONDS,
      maxBackoffSeconds: MAX_SECONDS,
      logIntervalSeconds: MAX_SECONDS,
      readTimeoutMs: MAX_TIMER_MS,
      refreshTimeoutMs: MAX_TIMER_MS,
    });

    // Assess
    expect(o).toMatchObject({ readTimeoutMs: MAX_TIMER_MS, refreshTimeoutMs: MAX_TIMER_MS });
    expect(o.maxAgeMs).toBeCloseTo(MAX_TIMER_MS);
  });

  it('accepts refreshTimeoutMs equal to readTimeoutMs and refuses it one ms below', () => {
    expect(normalize({ readTimeoutMs: 500, refreshTimeoutMs: 500 }).refreshTimeoutMs).toBe(500);
    expect(() => normalize({ readTimeoutMs: 500, refreshTimeoutMs: 499 })).toThrow(
      new TypeError('ssmBreakerState: refreshTimeoutMs must be >= readTimeoutMs (500), got 499'),
    );
  });

  it('accepts staleAfterSeconds equal to maxAgeSeconds and refuses it below', () => {
    expect(normalize({ maxAgeSeconds: 60, staleAfterSeconds: 60 }).staleAfterMs).toBe(60_000);
    expect(() => normalize({ maxAgeSeconds: 60, staleAfterSeconds: 59 })).toThrow(
      new TypeError(
        'ssmBreakerState: staleAfterSeconds must be >= maxAgeSeconds (60), got 59; a document cannot go stale before it is due for a refresh',
      ),
    );
  });
});

describe('ssmBreakerState retryHintMs', () => {
  const rule = 'ssmBreakerState: retryHintMs must be a number of ms between 1000 and 120000';

  it.each([1_000, 120_000])('accepts %i (an edge)', (retryHintMs) => {
    expect(normalize({ retryHintMs }).retryHintMs).toBe(retryHintMs);
  });

  it.each([
    [999, '999'],
    [120_001, '120001'],
    ['5000', '"5000"'],
    [Number.NaN, 'NaN'],
  ])('refuses %o with the whole message', (retryHintMs, shown) => {
    expect(() => normalize({ retryHintMs })).toThrow(new TypeError(`${rule}, got ${shown}`));
  });
});

describe('ssmBreakerState construction', () => {
  it('starts the first read at construction (module scope = Lambda init), not at the first call', async () => {
    // Prepare
    const asked: string[] = [];
    const provider = {
      get: (name: string) => {
        asked.push(name);
        return Promise.resolve(undefined);
      },
    };

    // Act
    const state = ssmBreakerState({ parameterName: NAME, provider: provider as never });
    await state.ready();

    // Assess
    expect(asked).toEqual([NAME]);
    expect(state.stats()).toMatchObject({ reads: 1, notFound: 1 });
    expect(state.parameterName).toBe(NAME);
    expect(state.retryHintMs).toBe(30_000);
  });

  it.each([
    [{ parameterName: '/a', maxAge: 5 }, /unknown option "maxAge"; did you mean "maxAgeSeconds"/],
    [{ parameterName: '/a', dependency: 'a b' }, /dependency must be 1-128 characters/],
  ])('throws a TypeError naming the field for %o', (options, message) => {
    expect(() => ssmBreakerState(options as never)).toThrow(TypeError);
    expect(() => ssmBreakerState(options as never)).toThrow(message);
  });
});
