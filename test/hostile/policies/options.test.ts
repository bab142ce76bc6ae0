// Items 2, 3 and 4 for wrapDependency: durations beyond Node's timer limit, unknown and kind-mismatched
// keys, and what an option error prints (never an object's contents, NaN as NaN, long strings cut,
// both fields of a cross-field rule named).
import { MAX_TIMER_MS } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { describe, expect, it } from 'vitest';
import { messageOf } from '../messageOf.js';

const OWNER = "wrapDependency('edna')";
const TOO_LONG = 2 ** 31;

const build = (options: unknown) => () => wrapDependency('edna', options as never);

describe('item 2: every duration option refuses more than MAX_TIMER_MS', () => {
  it.each([
    ['timeout.attemptMs', { timeout: { attemptMs: TOO_LONG, totalMs: TOO_LONG } }],
    ['timeout.totalMs', { timeout: { totalMs: TOO_LONG } }],
    [
      'retry.backoff.initialDelayMs',
      { retry: { backoff: { initialDelayMs: TOO_LONG, maxDelayMs: TOO_LONG } } },
    ],
    ['retry.backoff.maxDelayMs', { retry: { backoff: { maxDelayMs: TOO_LONG } } }],
    ['retry.budget.windowMs', { retry: { budget: { windowMs: TOO_LONG } } }],
    ['breaker.halfOpenAfterMs', { breaker: { halfOpenAfterMs: TOO_LONG } }],
    ['breaker.windowMs', { breaker: { kind: 'sampling', windowMs: TOO_LONG } }],
    ['breaker.slowCall.durationMs', { breaker: { slowCall: { durationMs: TOO_LONG } } }],
  ])('%s', (field, options) => {
    const message = messageOf(build(options));
    expect(message).toContain(`${OWNER}: ${field} must be`);
    expect(message).toContain(String(MAX_TIMER_MS));
    expect(message).toContain(`got ${TOO_LONG}`);
  });

  it('accepts exactly MAX_TIMER_MS', () => {
    expect(() =>
      wrapDependency('edna', { timeout: { attemptMs: MAX_TIMER_MS, totalMs: MAX_TIMER_MS }, logger: false }),
    ).not.toThrow();
  });
});

describe('item 3: unknown keys are refused with the nearest valid name', () => {
  it.each([
    [
      { timeoutMs: 100, retries: 0 },
      'unknown options "timeoutMs" (did you mean "timeout"?), "retries" (did you mean "retry"?).',
    ],
    [{ retries: 0 }, 'unknown option "retries"; did you mean "retry"?'],
    [{ timeout: { attempMs: 1 } }, 'unknown option "timeout.attempMs"; did you mean "attemptMs"?'],
    [{ retry: { maxAttempt: 2 } }, 'unknown option "retry.maxAttempt"; did you mean "maxAttempts"?'],
    [{ retry: { backoff: { jiter: 'full' } } }, '"retry.backoff.jiter"; did you mean "jitter"?'],
    [{ retry: { budget: { ratios: 0.1 } } }, '"retry.budget.ratios"; did you mean "ratio"?'],
    [{ breaker: { treshold: 3 } }, '"breaker.treshold"; did you mean "threshold"?'],
    [{ breaker: { slowCall: { duration: 5 } } }, '"breaker.slowCall.duration"; did you mean "durationMs"?'],
    [{ bulkhead: { limt: 1 } }, '"bulkhead.limt"; did you mean "limit"?'],
  ])('%o', (options, expected) => {
    expect(messageOf(build(options))).toContain(expected);
  });

  it.each([
    [
      { breaker: { kind: 'consecutive', failureRatio: 0.5 } },
      'breaker.failureRatio',
      "kind 'count' or 'sampling'",
    ],
    [{ breaker: { failureRatio: 0.5 } }, 'breaker.failureRatio', "kind 'count' or 'sampling'"],
    [{ breaker: { kind: 'count', threshold: 5 } }, 'breaker.threshold', "kind 'consecutive'"],
    [{ breaker: { kind: 'sampling', size: 5 } }, 'breaker.size', "kind 'count'"],
    [{ breaker: { kind: 'count', windowMs: 30_000 } }, 'breaker.windowMs', "kind 'sampling'"],
  ])('a key of another breaker kind: %o', (options, field, fix) => {
    const message = messageOf(build(options));
    expect(message).toContain(field);
    expect(message).toContain(fix);
  });

  it.each([
    ['timeout', { timeout: false }],
    ['timeout', { timeout: null }],
    ['logger', { logger: null }],
    ['metrics', { metrics: null }],
    ['fallback', { fallback: null }],
    ['classify', { classify: null }],
    ['deadline', { deadline: null }],
    ['sharedState', { sharedState: null }],
    ['retry', { retry: null }],
    ['retry', { retry: true }],
    ['breaker', { breaker: true }],
    ['retry.budget', { retry: { budget: null } }],
    ['breaker.slowCall', { breaker: { slowCall: null } }],
  ])('%s given %o is an error, not a default', (field, options) => {
    expect(messageOf(build(options))).toContain(`${OWNER}: ${field} must be`);
  });

  it('says how to turn logging off when logger is null', () => {
    expect(messageOf(build({ logger: null }))).toContain('false');
  });

  it('refuses options that are not an object', () => {
    expect(messageOf(build([]))).toContain(`${OWNER}: options must be an object, got an empty array`);
  });
});

describe('item 4: option errors print the value safely', () => {
  it.each([
    [Number.NaN, 'got NaN'],
    [Number.POSITIVE_INFINITY, 'got Infinity'],
    [Number.NEGATIVE_INFINITY, 'got -Infinity'],
    ['100', 'got "100"'],
    [10n, 'got 10n'],
  ])('timeout.attemptMs = %s', (value, expected) => {
    expect(messageOf(build({ timeout: { attemptMs: value } }))).toContain(expected);
  });

  it('never prints a bad sharedState, its credentials included', () => {
    const sharedState = { current: 1, credentials: { secretAccessKey: 'SECRET-KEY-123' } };
    const message = messageOf(build({ sharedState }));
    expect(message).toContain('sharedState');
    expect(message).not.toContain('SECRET-KEY-123');
  });

  it.each([
    ['logger', { logger: { info: 1, password: 'hunter2-SECRET' } }],
    ['metrics', { metrics: { token: 'SECRET-TOKEN-9' } }],
    ['deadline', { deadline: { apiKey: 'SECRET-API-KEY' } }],
  ])('never prints a bad %s object', (field, options) => {
    const message = messageOf(build(options));
    expect(message).toContain(field);
    expect(message).not.toMatch(/SECRET/);
  });

  it('cuts a long name and says how long it was', () => {
    const message = messageOf(() => wrapDependency(' '.repeat(2_049)));
    expect(message.length).toBeLessThan(300);
  });

  it('describes a non-string name by type', () => {
    expect(messageOf(() => wrapDependency({ token: 'SECRET' } as never))).not.toContain('SECRET');
  });

  it('names both fields of minimumCalls > size', () => {
    const message = messageOf(build({ breaker: { kind: 'count', size: 10, minimumCalls: 20 } }));
    expect(message).toContain('breaker.minimumCalls');
    expect(message).toContain('breaker.size');
  });

  it('names both fields of attemptMs > totalMs', () => {
    const message = messageOf(build({ timeout: { attemptMs: 5_000, totalMs: 1_000 } }));
    expect(message).toContain('timeout.attemptMs');
    expect(message).toContain('timeout.totalMs');
  });

  it('names the fields of a backoff that cannot fit in totalMs, not an object dump', () => {
    const message = messageOf(
      build({
        timeout: { attemptMs: 100, totalMs: 1_000 },
        retry: { maxAttempts: 5, backoff: { initialDelayMs: 1_000, maxDelayMs: 1_000 } },
      }),
    );
    expect(message).toContain('timeout.totalMs');
    expect(message).toContain('retry.maxAttempts');
    expect(message).not.toContain('{');
  });

  it('execute given a non-function describes it by type, never by its toString', async () => {
    const dep = wrapDependency('edna', { logger: false });
    const fn = { toString: () => 'SECRET-FROM-TOSTRING' };
    const error = await dep.execute(fn as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).not.toContain('SECRET');
  });
});
