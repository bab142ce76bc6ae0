import { describe, expect, it } from 'vitest';
import type { RecogniserContext } from '../Verdict.js';
import { statusVerdict } from './statusVerdict.js';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
const context: RecogniserContext = { now: () => NOW, maxRetryAfterMs: 120_000 };

describe('statusVerdict', () => {
  it.each([
    [408, 'transient', 'timeout'],
    [429, 'transient', 'throttled'],
    [500, 'transient', 'server-error'],
    [502, 'transient', 'server-error'],
    [503, 'transient', 'server-error'],
    [504, 'transient', 'timeout'],
    [507, 'transient', 'server-error'],
    [400, 'permanent', 'bad-request'],
    [401, 'permanent', 'credentials'],
    [403, 'permanent', 'credentials'],
    [404, 'permanent', 'not-found'],
    [405, 'permanent', 'bad-request'],
    [409, 'permanent', 'conflict'],
    [410, 'permanent', 'not-found'],
    [412, 'permanent', 'conflict'],
    [413, 'permanent', 'bad-request'],
    [422, 'permanent', 'bad-request'],
    [501, 'permanent', 'server-error'],
    [505, 'permanent', 'server-error'],
  ])('%i -> %s/%s', (status, kind, reason) => {
    // Act + Assess
    expect(statusVerdict(status, undefined, context)).toMatchObject({ kind, reason, status });
  });

  it.each([200, 204, 301, 399, 600, 99, 429.5])('%s is not a failure it knows', (status) => {
    // Act + Assess
    expect(statusVerdict(status, undefined, context)).toBeUndefined();
  });

  it('reads Retry-After for transient statuses only', () => {
    // Act + Assess
    expect(statusVerdict(503, '4', context)?.retryAfterMs).toBe(4_000);
    expect(statusVerdict(429, new Date(NOW + 7_000).toUTCString(), context)?.retryAfterMs).toBe(7_000);
    expect(statusVerdict(400, '4', context)?.retryAfterMs).toBeUndefined();
  });

  it('clamps Retry-After to the context clamp', () => {
    // Act + Assess
    expect(statusVerdict(503, '600', { ...context, maxRetryAfterMs: 5_000 })?.retryAfterMs).toBe(5_000);
  });

  it.each([
    [599, 'transient', 'server-error'],
    [499, 'permanent', 'bad-request'],
  ])('%i, at the edge of its range, is %s/%s', (status, kind, reason) => {
    // Act + Assess
    expect(statusVerdict(status, undefined, context)).toMatchObject({ kind, reason });
  });

  it('says who answered what, exactly', () => {
    // Act + Assess
    expect(statusVerdict(503, '4', context)).toEqual({
      kind: 'transient',
      reason: 'server-error',
      status: 503,
      message: 'the dependency answered 503',
      retryAfterMs: 4_000,
    });
    expect(statusVerdict(404, undefined, context, 'edna')).toEqual({
      kind: 'permanent',
      reason: 'not-found',
      status: 404,
      message: 'edna answered 404',
    });
  });
});
