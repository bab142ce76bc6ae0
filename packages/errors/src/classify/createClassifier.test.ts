import { describe, expect, it } from 'vitest';
import type { ClassifierRule } from './ClassifierRule.js';
import { createClassifier } from './createClassifier.js';

class VendorError extends Error {
  override name = 'VendorError';
  readonly vendorCode: string;
  readonly waitSeconds: number | undefined;
  constructor(vendorCode: string, waitSeconds?: number) {
    super(`vendor said ${vendorCode}`);
    this.vendorCode = vendorCode;
    this.waitSeconds = waitSeconds;
  }
}
const isVendor = (code: string) => (e: unknown) => e instanceof VendorError && e.vendorCode === code;

describe('createClassifier rules', () => {
  it('teaches it a vendor rate limit without touching the defaults', () => {
    // Prepare
    const classify = createClassifier([
      {
        name: 'vendor rate limit',
        match: isVendor('RATE_LIMIT'),
        kind: 'transient',
        reason: 'throttled',
        retryAfterMs: (e) => ((e as VendorError).waitSeconds ?? 1) * 1000,
        code: 'VENDOR_RATE_LIMIT',
      },
    ]);
    // Act
    const taught = classify(new VendorError('RATE_LIMIT', 4));
    const untouched = classify(Object.assign(new Error('x'), { code: 'ECONNRESET' }));
    // Assess
    expect(taught).toMatchObject({
      kind: 'transient',
      reason: 'throttled',
      retryable: true,
      countsTowardBreaker: true,
      retryAfterMs: 4_000,
      code: 'VENDOR_RATE_LIMIT',
      httpStatus: 503,
      message: 'matched rule "vendor rate limit"',
    });
    expect(untouched).toMatchObject({ kind: 'transient', code: 'ECONNRESET' });
  });

  it('runs rules before the defaults, on every link of the chain', () => {
    // Prepare: the defaults call a 503 transient; this service knows its 503 means "gone for good"
    const classify = createClassifier([
      {
        match: (e) => e instanceof Response && e.status === 503,
        kind: 'permanent',
        reason: 'not-found',
        httpStatus: 410,
      },
    ]);
    const wrapped = new TypeError('wrapped', { cause: new Response(null, { status: 503 }) });
    // Act + Assess
    expect(classify(wrapped)).toMatchObject({
      kind: 'permanent',
      reason: 'not-found',
      httpStatus: 410,
      retryable: false,
    });
  });

  it('an error code in a 200 body: the service throws its own error and a rule reads it', () => {
    // Prepare
    const classify = createClassifier([{ match: isVendor('TRY_AGAIN'), kind: 'transient' }]);
    // Act + Assess
    expect(classify(new VendorError('TRY_AGAIN'))).toMatchObject({
      kind: 'transient',
      reason: 'server-error',
    });
    expect(classify(new VendorError('OTHER'))).toMatchObject({ kind: 'permanent', reason: 'unknown' });
  });

  it('the first matching rule wins', () => {
    // Prepare
    const classify = createClassifier([
      { match: () => true, kind: 'cancelled' },
      { match: () => true, kind: 'transient' },
    ]);
    // Act + Assess
    expect(classify(new Error('x')).kind).toBe('cancelled');
  });

  it('a rule that throws, or whose functions throw, is treated as no match or no value', () => {
    // Prepare
    const classify = createClassifier([
      {
        match: () => {
          throw new Error('bad rule');
        },
        kind: 'transient',
      },
      {
        match: isVendor('X'),
        kind: 'transient',
        retryAfterMs: () => {
          throw new Error('bad');
        },
        code: () => {
          throw new Error('bad');
        },
      },
    ]);
    // Act + Assess
    expect(classify(new Error('x'))).toMatchObject({ kind: 'permanent' });
    const got = classify(new VendorError('X'));
    expect(got.kind).toBe('transient');
    expect(got.retryAfterMs).toBeUndefined();
  });

  it("clamps a rule's retryAfterMs to maxRetryAfterMs", () => {
    // Prepare
    const classify = createClassifier([{ match: () => true, kind: 'transient', retryAfterMs: 600_000 }], {
      maxRetryAfterMs: 10_000,
    });
    // Act + Assess
    expect(classify(new Error('x')).retryAfterMs).toBe(10_000);
  });

  it('honours countsTowardBreaker and httpStatus from the rule', () => {
    // Prepare
    const classify = createClassifier([
      {
        match: () => true,
        kind: 'permanent',
        reason: 'bad-request',
        countsTowardBreaker: true,
        httpStatus: 502,
      },
    ]);
    // Act + Assess
    expect(classify(new Error('x'))).toMatchObject({ countsTowardBreaker: true, httpStatus: 502 });
  });
});

describe('createClassifier options', () => {
  it('reads Retry-After HTTP-dates against the injected clock', () => {
    // Prepare
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    const classify = createClassifier([], { now: () => now });
    const response = new Response(null, {
      status: 503,
      headers: { 'retry-after': 'Wed, 21 Oct 2026 07:28:45 GMT' },
    });
    // Act + Assess
    expect(classify(response).retryAfterMs).toBe(45_000);
  });

  it('survives a clock that throws', () => {
    // Prepare
    const classify = createClassifier([], {
      now: () => {
        throw new Error('clock');
      },
    });
    // Act + Assess
    expect(classify(new Response(null, { status: 503, headers: { 'retry-after': '2' } })).retryAfterMs).toBe(
      2_000,
    );
  });

  it('looks only maxDepth links down', () => {
    // Prepare
    const error = new Error('a', {
      cause: new Error('b', { cause: Object.assign(new Error('c'), { code: 'ECONNRESET' }) }),
    });
    // Act + Assess
    expect(createClassifier([], { maxDepth: 1 })(error).kind).toBe('permanent');
    expect(createClassifier([], { maxDepth: 2 })(error).kind).toBe('transient');
  });
});

describe('createClassifier rejects malformed rules and options at construction', () => {
  const base = { match: () => true, kind: 'transient' } as const;
  it.each([
    ['rules not an array', { not: 'an array' }, /rules must be an array of rules, got an object/],
    ['a rule that is not an object', [base, 'rule'], /rules\[1\] must be an object, got "rule"/],
    ['a missing match', [{ kind: 'transient' }], /rules\[0\]\.match must be a function .*got undefined/],
    [
      'a misspelt kind',
      [{ ...base, kind: 'transiant' }],
      /rules\[0\]\.kind must be one of "transient", .*got "transiant"/,
    ],
    [
      'an unknown reason',
      [{ ...base, reason: 'flaky' }],
      /rules\[0\]\.reason must be one of the FailureReason values, got "flaky"/,
    ],
    ['a negative retryAfterMs', [{ ...base, retryAfterMs: -1 }], /rules\[0\]\.retryAfterMs must be .*got -1/],
    ['a NaN retryAfterMs', [{ ...base, retryAfterMs: Number.NaN }], /rules\[0\]\.retryAfterMs .*got NaN/],
    [
      'an httpStatus of 200',
      [{ ...base, httpStatus: 200 }],
      /rules\[0\]\.httpStatus must be an integer from 400 to 599, got 200/,
    ],
    [
      'an httpStatus of 401',
      [{ ...base, httpStatus: 401 }],
      /rules\[0\]\.httpStatus must be a status other than 401\/403.*got 401/,
    ],
    [
      'a non-boolean countsTowardBreaker',
      [{ ...base, countsTowardBreaker: 'yes' }],
      /countsTowardBreaker must be a boolean, got "yes"/,
    ],
    ['a numeric code', [{ ...base, code: 7 }], /rules\[0\]\.code must be a string or a function, got 7/],
    ['a typo in a field name', [{ ...base, retriable: true }], /rules\[0\] has an unknown field "retriable"/],
    ['a named rule', [{ ...base, name: 'vendor', kind: 'nope' }], /rules\[0\] \("vendor"\)\.kind/],
  ])('%s', (_label, rules, message) => {
    // Act + Assess
    expect(() => createClassifier(rules as unknown as ClassifierRule[])).toThrow(TypeError);
    expect(() => createClassifier(rules as unknown as ClassifierRule[])).toThrow(message);
  });

  it.each([
    ['options not an object', 'fast', /options must be an object, got "fast"/],
    ['a negative maxRetryAfterMs', { maxRetryAfterMs: -1 }, /options\.maxRetryAfterMs .*got -1/],
    [
      'a fractional maxDepth',
      { maxDepth: 1.5 },
      /options\.maxDepth must be an integer from 0 to 64, got 1\.5/,
    ],
    ['a clock that is not a function', { now: 5 }, /options\.now must be a function .*got 5/],
    ['an unknown option', { depth: 3 }, /unknown option "depth"/],
  ])('%s', (_label, options, message) => {
    // Act + Assess
    expect(() => createClassifier([], options as never)).toThrow(message);
  });
});
