// Each createClassifier option refused outside its bounds with the message users read, and proven to
// change what classify says inside them.
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS } from '../options/optionError.js';
import { createClassifier } from './createClassifier.js';

const messageOf = (make: () => unknown): string => {
  try {
    make();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('did not throw');
};

// A 429 with Retry-After: 100 wrapped `depth` times: it is found only within maxDepth.
const wrapped = (depth: number): unknown => {
  let error: unknown = new Response(null, { status: 429, headers: { 'retry-after': '100' } });
  for (let i = 0; i < depth; i++) error = new Error(`wrapper ${i}`, { cause: error });
  return error;
};

describe('createClassifier options', () => {
  it.each([
    [-1, '-1'],
    [MAX_TIMER_MS + 1, String(MAX_TIMER_MS + 1)],
    [Number.NaN, 'NaN'],
    ['5', '"5"'],
  ])('refuses maxRetryAfterMs %s', (value, shown) => {
    // Act + Assess
    expect(messageOf(() => createClassifier([], { maxRetryAfterMs: value as number }))).toBe(
      `createClassifier: options.maxRetryAfterMs must be a number of ms >= 0 and <= ${MAX_TIMER_MS}, got ${shown}`,
    );
  });

  it.each([0, MAX_TIMER_MS])('accepts maxRetryAfterMs %i, and clamps a Retry-After to it', (max) => {
    // Act
    const wait = createClassifier([], { maxRetryAfterMs: max })(wrapped(0)).retryAfterMs;
    // Assess
    expect(wait).toBe(Math.min(100_000, max));
  });

  it.each([
    [-1, '-1'],
    [65, '65'],
    [1.5, '1.5'],
    ['2', '"2"'],
  ])('refuses maxDepth %s', (value, shown) => {
    // Act + Assess
    expect(messageOf(() => createClassifier([], { maxDepth: value as number }))).toBe(
      `createClassifier: options.maxDepth must be an integer from 0 to 64, got ${shown}`,
    );
  });

  it.each([
    [0, 0, 'throttled'],
    [0, 1, 'unknown'],
    [3, 3, 'throttled'],
    [3, 4, 'unknown'],
    // 63 wrappers and the 429: 64 links, the most any chain is read to
    [64, 63, 'throttled'],
  ])('maxDepth %i: a 429 wrapped %i times is %s', (maxDepth, depth, reason) => {
    // Act + Assess
    expect(createClassifier([], { maxDepth })(wrapped(depth)).reason).toBe(reason);
  });

  it('refuses a clock that is not a function', () => {
    // Act + Assess
    expect(messageOf(() => createClassifier([], { now: 5 as never }))).toBe(
      'createClassifier: options.now must be a function returning ms, got 5',
    );
  });

  it('reads HTTP-date Retry-After against the injected clock', () => {
    // Prepare
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    const response = new Response(null, {
      status: 503,
      headers: { 'retry-after': 'Wed, 21 Oct 2026 07:28:09 GMT' },
    });
    // Act + Assess
    expect(createClassifier([], { now: () => now })(response).retryAfterMs).toBe(9_000);
  });

  it('refuses an unknown option with the nearest valid one', () => {
    // Act + Assess
    expect(messageOf(() => createClassifier([], { depth: 3 } as never))).toBe(
      'createClassifier: unknown option "depth"; did you mean "maxDepth"? Valid: maxRetryAfterMs, maxDepth, now',
    );
  });
});
