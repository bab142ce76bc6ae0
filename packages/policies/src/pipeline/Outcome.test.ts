// How a failing call ends: classified once (a throwing classifier is a permanent 500 that never trips the
// breaker), counted once, handed to the fallback (never a cancellation), refused without a stack.
import { DependencyDownError, PermanentError, TransientError } from '@bulwark/errors';
import { describe, expect, it } from 'vitest';
import { normalizeOptions } from '../options/normalizeOptions.js';
import { Telemetry } from '../telemetry/Telemetry.js';
import { Outcome } from './Outcome.js';

function build(extra: object = {}) {
  const o = normalizeOptions('edna', { logger: false, ...extra } as never);
  const t = new Telemetry('edna', undefined);
  return { outcome: new Outcome<string>(o, t), t };
}

describe('Outcome', () => {
  it('a classifier that throws gives a permanent 500 that never counts toward the breaker', () => {
    // Prepare
    const { outcome } = build({
      classify: () => {
        throw new Error('bad classifier');
      },
    });
    // Act
    const c = outcome.classify(new Error('x'));
    // Assert
    expect(c).toMatchObject({
      kind: 'permanent',
      countsTowardBreaker: false,
      httpStatus: 500,
      retryable: false,
    });
  });

  it('classifies the same error once', () => {
    // Prepare
    let calls = 0;
    const { outcome } = build({
      classify: () => {
        calls++;
        return {
          kind: 'transient',
          reason: 'timeout',
          retryable: true,
          countsTowardBreaker: true,
          httpStatus: 503,
        };
      },
    });
    const error = new Error('x');
    // Act
    outcome.classify(error);
    outcome.classify(error);
    // Assert
    expect(calls).toBe(1);
  });

  it('fail() throws without a fallback and answers with it otherwise (counted, with the attempts)', async () => {
    // Prepare
    const error = new TransientError('503', { status: 503 });
    const bare = build();
    const withFallback = build({
      fallback: (_e: unknown, ctx: { attempts: number }) => `fallback after ${ctx.attempts}`,
    });
    // Act / Assert
    expect(() => bare.outcome.fail(error, 2, undefined)).toThrow(error);
    expect(withFallback.outcome.fail(error, 2, undefined)).toBe('fallback after 2');
    expect([withFallback.t.failures, withFallback.t.fallbacks]).toEqual([1, 1]);
  });

  it('never hands a cancellation to the fallback', () => {
    // Prepare
    const { outcome } = build({ fallback: () => 'fallback' });
    const aborted = new DOMException('stop', 'AbortError');
    // Act / Assert
    expect(() => outcome.fail(aborted, 1, undefined)).toThrow(aborted);
  });

  it('refusal() rejects (counted as rejected and failed) unless a fallback answers', async () => {
    // Prepare
    const { outcome, t } = build();
    const refused = outcome.openError(2_500);
    // Act / Assert
    await expect(outcome.refusal(refused, undefined)).rejects.toBe(refused);
    expect([t.rejected, t.failures]).toEqual([1, 1]);
    await expect(outcome.refusal(refused, { fallback: () => 'fb' })).resolves.toBe('fb');
  });

  it('openError() clamps the hint into [1 s, 120 s] and carries reason circuit-open', () => {
    const { outcome } = build();
    expect(outcome.openError(0).retryAfterMs).toBe(1_000);
    expect(outcome.openError(Number.POSITIVE_INFINITY).retryAfterMs).toBe(120_000);
    expect(outcome.openError(7_000)).toMatchObject({ reason: 'circuit-open', retryAfterMs: 7_000 });
    expect(outcome.openError(7_000)).toBeInstanceOf(DependencyDownError);
  });

  it('timeoutError() names the bound; a permanent error stays what it was', () => {
    const { outcome } = build({ timeout: { attemptMs: 1_000, totalMs: 4_000 } });
    expect(outcome.timeoutError(2, 'total', undefined).message).toBe(
      'edna: total timeout of 4000 ms reached after 2 attempt(s)',
    );
    expect(outcome.timeoutError(1, 'deadline', undefined).message).toContain('the deadline');
    expect(outcome.classify(new PermanentError('400', { status: 400 })).kind).toBe('permanent');
  });

  it('the classifier-failed verdict is exact', () => {
    const { outcome } = build({
      classify: () => {
        throw new Error('bad classifier');
      },
    });
    expect(outcome.classify(new Error('x'))).toEqual({
      kind: 'permanent',
      reason: 'unknown',
      retryable: false,
      countsTowardBreaker: false,
      httpStatus: 500,
      message: 'the classifier failed',
    });
  });

  it('errors without a cause have no own cause key; with one, it is kept', () => {
    const { outcome } = build({ timeout: { attemptMs: 1_000, totalMs: 4_000 } });
    const first = new Error('503');
    expect(Object.hasOwn(outcome.timeoutError(1, 'deadline', undefined), 'cause')).toBe(false);
    expect(outcome.timeoutError(1, 'deadline', first).cause).toBe(first);
    expect(outcome.timeoutError(1, 'deadline', undefined).message).toBe(
      'edna: the deadline reached after 1 attempt(s)',
    );
  });

  it('timedOut() builds the attempt timeout error and counts it', () => {
    const { outcome, t } = build();
    const error = outcome.timedOut(2, 250, 'attempt');
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({
      message: 'edna: attempt 2 timed out after 250 ms',
      reason: 'timeout',
      code: 'ETIMEDOUT',
      dependency: 'edna',
    });
    expect(t.timeouts).toBe(1);
  });

  it('a give-up event carries retryAfterMs only when there is a hint (no undefined key)', () => {
    // Prepare
    const { outcome, t } = build();
    const events: object[] = [];
    t.onGiveUp((e) => events.push(e));
    const error = new TransientError('503', { status: 503 });
    const c = outcome.classify(error);
    // Act
    expect(() => outcome.giveUp('max-attempts', error, c, 2, undefined)).toThrow(error);
    expect(() => outcome.giveUp('deadline', error, c, 1, undefined, 3_000)).toThrow(error);
    // Assess
    expect(events.map((e) => Object.keys(e).sort())).toEqual([
      ['attempts', 'classification', 'dependency', 'error', 'reason'],
      ['attempts', 'classification', 'dependency', 'error', 'reason', 'retryAfterMs'],
    ]);
    expect(events[1]).toMatchObject({ reason: 'deadline', attempts: 1, retryAfterMs: 3_000 });
  });

  it("openError()'s default detail is 'circuit open'", () => {
    const { outcome } = build();
    expect(outcome.openError(5_000).message).toBe('edna: circuit open');
    expect(outcome.openError(5_000, 'circuit isolated').message).toBe('edna: circuit isolated');
  });
});
