// The edges of the smaller stages, each pinned on both sides: a cooldown's hint must be > 0 and only a
// later end renews it, a call whose latest start is exactly the cooldown's end still waits, held calls are
// never released before the cooldown ends; a rate-limit wait of exactly maxWaitMs is taken, a refusal says
// when the next token frees; a deadline at exactly the total timeout stays a total timeout; an attempt
// timeout equal to the time left is the attempt's own; the refusal messages users read are exact.
import { TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Telemetry } from '../telemetry/Telemetry.js';
import { wrapDependency } from '../wrapDependency.js';
import { CooldownStage, normalizeCooldown } from './cooldown.js';
import { normalizeRateLimit } from './rateLimit.js';

const throttled = (retryAfterMs: number) =>
  new TransientError('429', { status: 429, reason: 'throttled', retryAfterMs });
const hang = () => new Promise<string>(() => {});

describe('cooldown edges', () => {
  it('refuses null as an option', () => {
    expect(() => normalizeCooldown("wrapDependency('edna')", null)).toThrow(
      new TypeError("wrapDependency('edna'): cooldown must be an object or false, got null"),
    );
  });

  it('a hint must be > 0; only a later end renews the cooldown (and counts it)', () => {
    // Prepare
    const t = new Telemetry('edna', undefined);
    const stage = new CooldownStage('edna', { maxMs: 120_000 }, t);
    // Act + Assess
    stage.pushback(0, 1_000);
    stage.pushback(-5, 1_000);
    expect([stage.until, t.cooldowns]).toEqual([0, 0]);
    stage.pushback(2_000, 1_000);
    stage.pushback(1_000, 2_000);
    expect([stage.until, t.cooldowns]).toEqual([3_000, 1]);
    stage.pushback(1_001, 2_000);
    expect([stage.until, t.cooldowns]).toEqual([3_001, 2]);
  });

  it('never releases a held call before the cooldown ends, even when its own time is shorter', () => {
    const stage = new CooldownStage('edna', { maxMs: 120_000 }, new Telemetry('edna', undefined));
    stage.pushback(2_000, 1_000);
    expect(stage.releaseAt(2_500, () => 0.99)).toBe(3_000);
    expect(stage.releaseAt(3_000, () => 0.99)).toBe(3_000);
  });
});

describe('stage edges over wrapDependency', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    [2_000, 'held'],
    [1_998, 'refused'],
  ])('a cooldown of 1 s and a call with totalMs %i: %s', async (totalMs, expected) => {
    // Prepare: the latest start is half the call's time away
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      timeout: { attemptMs: 500, totalMs },
    });
    await dep.execute(() => Promise.reject(throttled(1_000))).catch(() => undefined);
    // Act
    const call = dep.execute(async () => 'ok').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    const result = await call;
    // Assess
    if (expected === 'held') expect(result).toBe('ok');
    else
      expect(result).toMatchObject({
        name: 'DependencyDownError',
        message: 'edna: cooling down after the dependency asked to slow down',
        reason: 'throttled',
        retryAfterMs: 1_000,
      });
  });

  it('rateLimit: a wait of exactly maxWaitMs is taken', async () => {
    const dep = wrapDependency('edna', { logger: false, rateLimit: { perSecond: 1, maxWaitMs: 1_000 } });
    await dep.execute(async () => 'first');
    const second = dep.execute(async () => 'second');
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(second).resolves.toBe('second');
    expect(dep.stats().rateLimited).toBe(0);
  });

  it('rateLimit: a refusal says when the next token frees, in the error and the event', async () => {
    // Prepare: one token every 5 s
    const dep = wrapDependency('edna', { logger: false, rateLimit: { perSecond: 0.2, maxWaitMs: 0 } });
    const events: unknown[] = [];
    dep.onRateLimited((e) => events.push(e));
    await dep.execute(async () => 'first');
    // Act
    const refused = await dep.execute(async () => 'second').catch((e: unknown) => e);
    // Assess
    expect(refused).toMatchObject({
      name: 'DependencyDownError',
      message: 'edna: rate limit reached',
      reason: 'throttled',
      retryAfterMs: 5_000,
    });
    expect(events).toStrictEqual([{ dependency: 'edna', retryAfterMs: 5_000, by: 'rate-limit' }]);
  });

  it('rateLimit options: null and a mistyped key are refused naming the field', () => {
    expect(() => normalizeRateLimit("wrapDependency('edna')", null)).toThrow(
      new TypeError("wrapDependency('edna'): rateLimit must be an object or false, got null"),
    );
    expect(() => normalizeRateLimit("wrapDependency('edna')", { perSecnd: 1 })).toThrow(
      /"rateLimit\.perSecnd"/,
    );
  });

  it('a deadline at exactly the total timeout stays a total timeout', async () => {
    // Prepare: attempt 1 fails at once, attempt 2 hangs until the end of the call
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 1_000, totalMs: 1_000 },
      retry: {
        maxAttempts: 2,
        backoff: { jitter: 'none', initialDelayMs: 10, maxDelayMs: 10 },
        budget: false,
      },
      deadline: () => 1_000,
    });
    let n = 0;
    // Act
    const call = dep
      .execute(() => (n++ === 0 ? Promise.reject(new TransientError('503', { status: 503 })) : hang()))
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    // Assess
    expect(await call).toMatchObject({
      message: 'edna: total timeout of 1000 ms reached after 2 attempt(s)',
    });
  });

  it('an attempt timeout equal to the time left is reported as the attempt timeout', async () => {
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      timeout: { attemptMs: 500, totalMs: 500 },
    });
    const call = dep.execute(hang).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500);
    expect(await call).toMatchObject({ message: 'edna: attempt 1 timed out after 500 ms' });
  });

  it('a shadow breaker counts every attempt', async () => {
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      breaker: { threshold: 1, shadow: true },
    });
    for (let i = 0; i < 3; i++)
      await dep
        .execute(() => Promise.reject(new TransientError('503', { status: 503 })))
        .catch(() => undefined);
    expect(dep.stats()).toMatchObject({ attempts: 3, calls: 3 });
  });
});
