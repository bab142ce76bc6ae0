// What a classification says when nothing specific matched, what a wrapper inherits from its cause, and
// what a rule fills in by default: each is text or a number a caller reads, so each is pinned exactly.
import { describe, expect, it } from 'vitest';
import { DependencyDownError, TransientError } from '../ResilienceError.js';
import { classify } from './classify.js';
import { createClassifier } from './createClassifier.js';

const throttled = () => new Response(null, { status: 429, headers: { 'retry-after': '3' } });

describe('an unrecognised failure names what was thrown, never its contents', () => {
  class QuotaError extends Error {
    override name = 'QuotaError';
  }
  it.each([
    ['an Error subclass', new QuotaError('secret'), 'an unrecognised failure (QuotaError)'],
    ['a number', 42, 'an unrecognised failure (a non-Error number was thrown)'],
    ['a string', 'token=abc', 'an unrecognised failure (a non-Error string was thrown)'],
    ['undefined', undefined, 'an unrecognised failure (a non-Error undefined was thrown)'],
    ['null', null, 'an unrecognised failure (null was thrown)'],
    ['a function', () => 1, 'an unrecognised failure (a non-Error object was thrown)'],
    ['a name with spaces', { name: 'bad name!' }, 'an unrecognised failure (a non-Error object was thrown)'],
    ['a name of 64 chars', { name: `A${'a'.repeat(63)}` }, `an unrecognised failure (A${'a'.repeat(63)})`],
    [
      'a name of 65 chars',
      { name: `A${'a'.repeat(64)}` },
      'an unrecognised failure (a non-Error object was thrown)',
    ],
    [
      'a name starting with a digit',
      { name: '9Error' },
      'an unrecognised failure (a non-Error object was thrown)',
    ],
  ])('%s', (_label, thrown, message) => {
    // Act
    const c = classify(thrown);
    // Assess
    expect(c).toMatchObject({ kind: 'permanent', reason: 'unknown', message, retryable: false });
  });
});

describe('a transient wrapper inherits Retry-After and status from its cause', () => {
  it('a socket error whose cause is a 429 with Retry-After', () => {
    // Prepare
    const error = Object.assign(new Error('reset', { cause: throttled() }), { code: 'ECONNRESET' });
    // Act + Assess
    expect(classify(error)).toMatchObject({ reason: 'network', retryAfterMs: 3_000, status: 429 });
  });

  it('a weak "fetch failed" over it keeps the inner verdict and the hint', () => {
    // Prepare
    const socket = Object.assign(new Error('reset', { cause: throttled() }), { code: 'ECONNRESET' });
    // Act + Assess
    expect(classify(new TypeError('fetch failed', { cause: socket }))).toMatchObject({
      reason: 'network',
      retryAfterMs: 3_000,
      status: 429,
    });
  });

  it('our own TransientError over a 429', () => {
    // Act + Assess
    expect(classify(new TransientError('x', { cause: throttled() }))).toMatchObject({
      reason: 'server-error',
      retryAfterMs: 3_000,
      status: 429,
    });
  });

  it('a dependency-down error over a 429 inherits too', () => {
    // Act + Assess
    expect(classify(new DependencyDownError('x', { cause: throttled() }))).toMatchObject({
      kind: 'dependency-down',
      retryAfterMs: 3_000,
      status: 429,
    });
  });

  it("keeps the wrapper's own values; fills only the missing one", () => {
    // Prepare
    const both = new TransientError('x', { status: 502, retryAfterMs: 9_000, cause: throttled() });
    const onlyWait = new TransientError('x', { retryAfterMs: 9_000, cause: throttled() });
    const onlyStatus = new TransientError('x', { status: 502, cause: throttled() });
    // Act + Assess
    expect(classify(both)).toMatchObject({ retryAfterMs: 9_000, status: 502 });
    expect(classify(onlyWait)).toMatchObject({ retryAfterMs: 9_000, status: 429 });
    expect(classify(onlyStatus)).toMatchObject({ retryAfterMs: 3_000, status: 502 });
  });

  it('takes each value from the nearest cause that has it', () => {
    // Prepare
    const deepest = new Response(null, { status: 503, headers: { 'retry-after': '7' } });
    const middle = new TransientError('m', { status: 504, cause: deepest });
    const error = new TransientError('x', { cause: middle });
    // Act + Assess
    expect(classify(error)).toMatchObject({ retryAfterMs: 7_000, status: 504 });
  });

  it('a permanent failure inherits nothing', () => {
    // Prepare
    const error = Object.assign(new Error('certificate has expired', { cause: throttled() }), {
      code: 'CERT_HAS_EXPIRED',
    });
    // Act
    const c = classify(error);
    // Assess
    expect(c).toMatchObject({ kind: 'permanent', reason: 'tls' });
    expect(c.retryAfterMs).toBeUndefined();
    expect(c.status).toBeUndefined();
  });
});

describe('a rule without reason or name', () => {
  it.each([
    ['transient', 'server-error', 503],
    ['dependency-down', 'circuit-open', 503],
    ['permanent', 'unknown', 500],
    ['cancelled', 'cancelled', 499],
  ] as const)(
    'kind %s defaults to reason %s and reads "a classifier rule matched"',
    (kind, reason, httpStatus) => {
      // Act
      const c = createClassifier([{ match: () => true, kind }])(new Error('x'));
      // Assess
      expect(c).toMatchObject({ kind, reason, httpStatus, message: 'a classifier rule matched' });
    },
  );

  it('a named rule reads its name; a negative computed wait becomes 0', () => {
    // Act
    const c = createClassifier([
      { name: 'vendor', match: () => true, kind: 'transient', retryAfterMs: () => -5 },
    ])(new Error('x'));
    // Assess
    expect(c).toMatchObject({ message: 'matched rule "vendor"', retryAfterMs: 0 });
  });
});

describe('chain facts', () => {
  it('takes the first well-formed code and a bounded, redacted dependency from any link', () => {
    // Prepare
    const inner = { dependency: 'payments?token=abc', code: 'EFOO_2' };
    const middle = Object.assign(new Error('b', { cause: inner }), {
      code: 'B',
      dependency: 'd'.repeat(129),
    });
    const error = Object.assign(new Error('a', { cause: middle }), { code: 'has space' });
    // Act
    const c = classify(error);
    // Assess
    expect(c.code).toBe('EFOO_2');
    expect(c.dependency).toBe('payments?token=[redacted]');
  });
});

describe('the injected clock', () => {
  it('falls back to Date.now when the clock answers NaN', () => {
    // Prepare
    const inFiveSeconds = new Date(Date.now() + 5_000).toUTCString();
    const c = createClassifier([], { now: () => Number.NaN });
    const response = new Response(null, { status: 503, headers: { 'retry-after': inFiveSeconds } });
    // Act
    const wait = c(response).retryAfterMs;
    // Assess
    expect(wait).toBeGreaterThan(3_000);
    expect(wait).toBeLessThanOrEqual(5_000);
  });
});

describe('rule values', () => {
  it('drops a computed wait that is not a finite number and a code that is not a string', () => {
    // Act
    const c = createClassifier([
      {
        match: () => true,
        kind: 'transient',
        retryAfterMs: () => Number.POSITIVE_INFINITY,
        code: () => 42 as never,
      },
    ])(new Error('x'));
    // Assess
    expect(c.retryAfterMs).toBeUndefined();
    expect(c.code).toBeUndefined();
  });
});

describe('chain facts: which code and dependency win', () => {
  it('the outermost well-formed code wins, and a deeper link without one does not erase it', () => {
    // Prepare: codes nothing recognises, so the classification takes them from the chain
    const deepest = new Error('no code');
    const inner = Object.assign(new Error('b', { cause: deepest }), { code: 'EINNER' });
    const outer = Object.assign(new Error('a', { cause: inner }), { code: 'EOUTER' });
    // Act + Assess
    expect(classify(outer).code).toBe('EOUTER');
    expect(classify(Object.assign(new Error('a', { cause: deepest }), { code: 'EOUTER' })).code).toBe(
      'EOUTER',
    );
  });

  it('the outermost dependency wins; one of exactly 128 characters is kept whole, 129 is not taken', () => {
    // Prepare
    const at128 = 'd'.repeat(128);
    const inner = Object.assign(new Error('b'), { dependency: 'inner' });
    const outer = Object.assign(new Error('a', { cause: inner }), { dependency: 'outer' });
    // Act + Assess
    expect(classify(outer).dependency).toBe('outer');
    expect(classify(Object.assign(new Error('a'), { dependency: at128 })).dependency).toBe(at128);
    expect(classify(Object.assign(new Error('a'), { dependency: `${at128}d` })).dependency).toBeUndefined();
  });
});

describe('an unrecognised failure says what was thrown', () => {
  it.each([
    ['an Error by its name', Object.assign(new Error('x'), { name: 'VendorError' }), 'VendorError'],
    [
      'a name with spaces as an object',
      Object.assign(new Error('x'), { name: 'bad name' }),
      'a non-Error object was thrown',
    ],
    ['an object without a name', { message: 'x' }, 'a non-Error object was thrown'],
    ['null', null, 'null was thrown'],
    ['a number', 42, 'a non-Error number was thrown'],
    ['a function by its name', function vendorThing() {}, 'vendorThing'],
  ])('%s', (_label, thrown, what) => {
    // Act + Assess
    expect(classify(thrown)).toMatchObject({
      kind: 'permanent',
      reason: 'unknown',
      message: `an unrecognised failure (${what})`,
    });
  });
});

describe('the injected clock, when it fails', () => {
  it('a clock that throws reads as Date.now', () => {
    // Prepare
    const inFiveSeconds = new Date(Date.now() + 5_000).toUTCString();
    const c = createClassifier([], {
      now: () => {
        throw new Error('clock broke');
      },
    });
    // Act
    const wait = c(
      new Response(null, { status: 503, headers: { 'retry-after': inFiveSeconds } }),
    ).retryAfterMs;
    // Assess
    expect(wait).toBeGreaterThan(3_000);
    expect(wait).toBeLessThanOrEqual(5_000);
  });
});
