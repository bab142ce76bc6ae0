import { describe, expect, it } from 'vitest';
import type { ErrorKindName, FailureReasonName } from '../Classification.js';
import { defaultHttpStatus, toClassification, type Verdict } from './Verdict.js';

const verdict = (kind: ErrorKindName, reason: FailureReasonName, extra: Partial<Verdict> = {}): Verdict => ({
  kind,
  reason,
  message: 'the dependency answered 503',
  ...extra,
});
const noFacts = () => ({});

describe('defaultHttpStatus: what our caller sees when the recogniser did not say', () => {
  it.each([
    ['cancelled', 'cancelled', 499],
    ['transient', 'timeout', 504],
    ['transient', 'server-error', 503],
    ['transient', 'network', 503],
    ['dependency-down', 'timeout', 504],
    ['dependency-down', 'circuit-open', 503],
    ['permanent', 'invalid-input', 400],
    ['permanent', 'not-found', 404],
    ['permanent', 'conflict', 409],
    ['permanent', 'bad-request', 400],
    ['permanent', 'tls', 503],
    ['permanent', 'network', 503],
    ['permanent', 'timeout', 503],
    ['permanent', 'throttled', 503],
    ['permanent', 'circuit-open', 503],
    ['permanent', 'bulkhead-full', 503],
    ['permanent', 'retries-exhausted', 503],
    ['permanent', 'credentials', 500],
    ['permanent', 'server-error', 500],
    ['permanent', 'unknown', 500],
  ] as const)('%s / %s -> %i', (kind, reason, status) => {
    // Act + Assess
    expect(defaultHttpStatus(verdict(kind, reason))).toBe(status);
  });

  it('a bad request an upstream answered (it has a status) is our fault: 500, not 400', () => {
    // Act + Assess
    expect(defaultHttpStatus(verdict('permanent', 'bad-request', { status: 422 }))).toBe(500);
  });
});

describe('toClassification', () => {
  it('builds exactly the public fields, and no undefined keys', () => {
    // Act
    const c = toClassification(verdict('transient', 'server-error'), noFacts);
    // Assess
    expect(c).toStrictEqual({
      kind: 'transient',
      reason: 'server-error',
      retryable: true,
      countsTowardBreaker: true,
      httpStatus: 503,
      message: 'the dependency answered 503',
    });
    expect(Object.keys(c)).toEqual([
      'kind',
      'reason',
      'retryable',
      'countsTowardBreaker',
      'httpStatus',
      'message',
    ]);
  });

  it('carries the optional facts a verdict has', () => {
    // Act
    const c = toClassification(
      verdict('transient', 'throttled', {
        status: 429,
        retryAfterMs: 2_000,
        code: 'SlowDown',
        dependency: 'edna',
      }),
      () => {
        throw new Error('facts are not read when the verdict has both');
      },
    );
    // Assess
    expect(c).toStrictEqual({
      kind: 'transient',
      reason: 'throttled',
      retryable: true,
      countsTowardBreaker: true,
      httpStatus: 503,
      message: 'edna: the dependency answered 503',
      retryAfterMs: 2_000,
      status: 429,
      code: 'SlowDown',
      dependency: 'edna',
    });
  });

  it('fills a missing code and dependency from the chain facts, keeping what the verdict says', () => {
    // Act
    const onlyCode = toClassification(verdict('permanent', 'unknown', { code: 'EOWN' }), () => ({
      code: 'EFACT',
      dependency: 'payments',
    }));
    const onlyDependency = toClassification(
      verdict('permanent', 'unknown', { dependency: 'orders' }),
      () => ({
        code: 'EFACT',
        dependency: 'payments',
      }),
    );
    // Assess
    expect(onlyCode).toMatchObject({
      code: 'EOWN',
      dependency: 'payments',
      message: 'payments: the dependency answered 503',
    });
    expect(onlyDependency).toMatchObject({ code: 'EFACT', dependency: 'orders' });
  });

  it.each([
    ['transient', true, true],
    ['dependency-down', false, false],
    ['permanent', false, false],
    ['cancelled', false, false],
  ] as const)('%s: retryable %s, counts toward the breaker %s by default', (kind, retryable, counts) => {
    // Act
    const c = toClassification(verdict(kind, 'unknown'), noFacts);
    // Assess
    expect(c.retryable).toBe(retryable);
    expect(c.countsTowardBreaker).toBe(counts);
  });

  it('a verdict that says whether it counts toward the breaker is obeyed', () => {
    // Act + Assess
    expect(
      toClassification(verdict('permanent', 'tls', { countsTowardBreaker: true }), noFacts)
        .countsTowardBreaker,
    ).toBe(true);
    expect(
      toClassification(verdict('transient', 'network', { countsTowardBreaker: false }), noFacts)
        .countsTowardBreaker,
    ).toBe(false);
  });

  it.each([
    [401, 500],
    [403, 500],
    [399, 500],
    [400, 400],
    [429, 429],
    [599, 599],
    [600, 500],
    [503.5, 500],
    [Number.NaN, 500],
  ])('a verdict asking for %s answers our caller %i (never 401/403, always a 4xx/5xx)', (asked, status) => {
    // Act + Assess
    expect(toClassification(verdict('permanent', 'unknown', { httpStatus: asked }), noFacts).httpStatus).toBe(
      status,
    );
  });
});
