import { describe, expect, it } from 'vitest';
import { nearestName } from './nearestName.js';
import { MAX_TIMER_MS, optionError } from './optionError.js';
import { readOptions } from './readOptions.js';

const OWNER = "wrapDependency('edna')";

describe('readOptions', () => {
  it('returns a null-prototype snapshot of the known keys', () => {
    const got = readOptions(OWNER, { retry: 1, timeout: undefined }, ['retry', 'timeout']);
    expect(Object.getPrototypeOf(got)).toBeNull();
    expect({ ...got }).toEqual({ retry: 1, timeout: undefined });
  });

  it('reads undefined as no options', () => {
    expect({ ...readOptions(OWNER, undefined, ['retry']) }).toEqual({});
  });

  it.each([
    [{ retries: 0 }, 'unknown option "retries"; did you mean "retry"? Valid: retry, timeout'],
    [{ timeoutMs: 100 }, 'unknown option "timeoutMs"; did you mean "timeout"?'],
    [{ colour: 'red' }, 'unknown option "colour". Valid: retry, timeout'],
  ])('refuses an unknown key %o with the nearest valid one', (value, message) => {
    expect(() => readOptions(OWNER, value, ['retry', 'timeout'])).toThrow(
      new RegExp(escapeRegExp(`${OWNER}: ${message}`)),
    );
  });

  it('names the nested field of an unknown key', () => {
    expect(() => readOptions(OWNER, { attempMs: 1 }, ['attemptMs', 'totalMs'], 'timeout')).toThrow(
      `${OWNER}: unknown option "timeout.attempMs"; did you mean "attemptMs"? Valid: attemptMs, totalMs`,
    );
  });

  it.each([null, 5, 'x', [], () => 1])('refuses %o as the options object', (value) => {
    expect(() => readOptions(OWNER, value, ['retry'], 'breaker')).toThrow(
      new RegExp(`^${escapeRegExp(OWNER)}: breaker must be an object, got `),
    );
  });

  it('turns a throwing getter into a TypeError naming the field', () => {
    const value = {
      get retry(): number {
        throw new Error('boom');
      },
    };
    expect(() => readOptions(OWNER, value, ['retry'], 'options')).toThrow(
      new TypeError(`${OWNER}: retry could not be read (its getter threw)`),
    );
  });

  it('turns a revoked Proxy into a TypeError naming the field', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => readOptions(OWNER, proxy, ['retry'], 'breaker')).toThrow(
      new TypeError(`${OWNER}: breaker could not be read (a Proxy refused to list its keys)`),
    );
  });

  it('turns a Proxy whose ownKeys trap throws into a TypeError naming the field', () => {
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expect(() => readOptions(OWNER, proxy, ['retry'])).toThrow(
      new TypeError(`${OWNER}: options could not be read (a Proxy refused to list its keys)`),
    );
  });

  it('reads a key whose descriptor cannot be read as an option (it is checked, not skipped)', () => {
    const hostile = (target: object) =>
      new Proxy(target, {
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
      });
    expect({ ...readOptions(OWNER, hostile({ retry: 1 }), ['retry']) }).toEqual({ retry: 1 });
    expect(() => readOptions(OWNER, hostile({ retries: 1 }), ['retry'])).toThrow(/unknown option "retries"/);
  });

  it('skips symbols and non-enumerable keys', () => {
    const value = Object.defineProperty({ [Symbol('s')]: 1, retry: 2 }, 'hidden', {
      value: 3,
      enumerable: false,
    });
    expect({ ...readOptions(OWNER, value, ['retry']) }).toEqual({ retry: 2 });
  });

  it('reads each key once', () => {
    let reads = 0;
    const value = {
      get retry(): number {
        reads++;
        return 1;
      },
    };
    readOptions(OWNER, value, ['retry']);
    expect(reads).toBe(1);
  });

  it('never echoes a long unknown key whole', () => {
    const key = `k${'x'.repeat(5000)}`;
    let message = '';
    try {
      readOptions(OWNER, { [key]: 1 }, ['retry']);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('(5001 characters)');
    expect(message.length).toBeLessThan(200);
  });
});

describe('nearestName', () => {
  it.each([
    ['retries', 'retry'],
    ['attempt_ms', 'attemptMs'],
    ['ATTEMPTMS', 'attemptMs'],
    ['maxAge', 'maxAgeSeconds'],
    ['onPermanentFaliure', 'onPermanentFailure'],
    ['zzz', undefined],
  ])('%s -> %s', (input, expected) => {
    expect(nearestName(input, ['retry', 'attemptMs', 'maxAgeSeconds', 'onPermanentFailure'])).toBe(expected);
  });
});

describe('optionError', () => {
  it('names owner, field, rule and value, and the fix when given', () => {
    expect(optionError('sqsHandler', 'deadline.safetyMarginMs', Number.NaN, 'a finite number').message).toBe(
      'sqsHandler: deadline.safetyMarginMs must be a finite number, got NaN',
    );
    expect(optionError('x', 'a', 2 ** 31, `<= ${MAX_TIMER_MS}`, 'use a shorter duration').message).toBe(
      'x: a must be <= 2147483647, got 2147483648; use a shorter duration',
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('readOptions with several unknown keys', () => {
  it('names every unknown key at once, each with its nearest valid name, and reads no getter first', () => {
    let read = false;
    const options = {
      retries: 3,
      timout: 5,
      zzzzzzzz: 1,
      get retry() {
        read = true;
        return false;
      },
    };
    expect(() => readOptions("wrapDependency('edna')", options, ['retry', 'timeout'])).toThrow(
      new TypeError(
        `wrapDependency('edna'): unknown options "retries" (did you mean "retry"?), "timout" (did you mean "timeout"?), "zzzzzzzz". Valid: retry, timeout`,
      ),
    );
    expect(read).toBe(false);
  });

  it('lists at most eight unknown keys and counts the rest, under a nested field', () => {
    const options = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
    expect(() => readOptions('o', options, ['maxAttempts'], 'retry')).toThrow(
      new TypeError(
        'o: unknown options "retry.k0", "retry.k1", "retry.k2", "retry.k3", "retry.k4", "retry.k5", "retry.k6", "retry.k7" and 2 more. Valid: maxAttempts',
      ),
    );
  });
});

describe('readOptions edges', () => {
  it('names a nested field whose getter throws by its path', () => {
    const options = {
      get attemptMs(): number {
        throw new Error('boom');
      },
    };
    expect(() => readOptions('o', options, ['attemptMs'], 'timeout')).toThrow(
      new TypeError('o: timeout.attemptMs could not be read (its getter threw)'),
    );
  });

  it('lists exactly eight unknown keys without an "and more"', () => {
    const options = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, i]));
    expect(() => readOptions('o', options, ['maxAttempts'])).toThrow(
      new TypeError('o: unknown options "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7". Valid: maxAttempts'),
    );
  });

  it('snapshots exactly the keys given, no others', () => {
    expect(Object.keys(readOptions('o', { a: 1 }, ['a', 'b']))).toEqual(['a']);
  });
});
