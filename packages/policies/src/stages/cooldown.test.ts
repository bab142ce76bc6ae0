// The cooldown stage: options checked; a throttling answer with a hint holds every later call (they wait
// within their time, or are refused with a 503-class error that never counts toward the breaker); a
// caller's signal ends the wait. Time is faked; the real-socket version is test/policies/cooldown.http.test.ts.
import { classify, isDependencyDownError, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';
import { normalizeCooldown } from './cooldown.js';

const throttled = (retryAfterMs: number) =>
  new TransientError('429', { status: 429, reason: 'throttled', retryAfterMs });

describe('normalizeCooldown', () => {
  it('is on by default with maxMs 120 s, off with false', () => {
    expect(normalizeCooldown('o', undefined)).toEqual({ maxMs: 120_000 });
    expect(normalizeCooldown('o', false)).toBeUndefined();
    expect(normalizeCooldown('o', { maxMs: 5_000 })).toEqual({ maxMs: 5_000 });
  });

  it.each([
    [true, 'cooldown must be an object or false, got true'],
    [{ maxMS: 1 }, 'did you mean "maxMs"'],
    [{ maxMs: 0 }, 'cooldown.maxMs must be a finite number of ms >= 1'],
    [{ maxMs: Number.NaN }, 'got NaN'],
    [{ maxMs: 2 ** 31 }, '<= 2147483647'],
  ])('refuses %o naming the field', (value, message) => {
    expect(() => normalizeCooldown("wrapDependency('edna')", value)).toThrow(message);
  });
});

describe('cooldown after pushback', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds a later call until the hint has passed, then lets it through (spread over as long again)', async () => {
    // Prepare
    const dep = wrapDependency('edna', { logger: false, retry: { maxAttempts: 1 } });
    const cooldowns: number[] = [];
    dep.onCooldown((e) => cooldowns.push(e.retryAfterMs));
    await dep.execute(() => Promise.reject(throttled(2_000))).catch(() => undefined);
    const fn = vi.fn(async () => 'ok');
    // Act
    const later = dep.execute(fn);
    await vi.advanceTimersByTimeAsync(1_999);
    const before = fn.mock.calls.length;
    await vi.advanceTimersByTimeAsync(2_001);
    // Assert
    await expect(later).resolves.toBe('ok');
    expect(before).toBe(0);
    expect(cooldowns).toEqual([2_000]);
    expect(dep.stats()).toMatchObject({ cooldowns: 1, held: 1 });
  });

  it("refuses at once when the cooldown outlasts the call's time: 503-class, never counted by the breaker", async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 1_000, totalMs: 1_000 },
      retry: { maxAttempts: 1 },
    });
    await dep.execute(() => Promise.reject(throttled(5_000))).catch(() => undefined);
    const fn = vi.fn(async () => 'ok');
    // Act
    const refused = await dep.execute(fn).catch((e: unknown) => e);
    // Assert
    expect(isDependencyDownError(refused)).toBe(true);
    expect(refused).toMatchObject({ reason: 'throttled', retryAfterMs: 5_000 });
    const c = classify(refused);
    expect(c.httpStatus).toBe(503);
    expect(c.countsTowardBreaker).toBe(false);
    expect(fn).not.toHaveBeenCalled();
  });

  it('caps the hold at cooldown.maxMs', async () => {
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 1 },
      cooldown: { maxMs: 1_000 },
    });
    await dep.execute(() => Promise.reject(throttled(60_000))).catch(() => undefined);
    const later = dep.execute(async () => 'ok');
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(later).resolves.toBe('ok');
  });

  it('cooldown: false leaves later calls alone', async () => {
    const dep = wrapDependency('edna', { logger: false, retry: { maxAttempts: 1 }, cooldown: false });
    await dep.execute(() => Promise.reject(throttled(60_000))).catch(() => undefined);
    await expect(dep.execute(async () => 'ok')).resolves.toBe('ok');
  });

  it('a throttling answer without a hint starts no cooldown', async () => {
    const dep = wrapDependency('edna', { logger: false, retry: { maxAttempts: 1 } });
    await dep
      .execute(() => Promise.reject(new TransientError('429', { status: 429, reason: 'throttled' })))
      .catch(() => undefined);
    await expect(dep.execute(async () => 'ok')).resolves.toBe('ok');
  });

  it("a held call ends with the caller's reason when the caller aborts", async () => {
    // Prepare
    const dep = wrapDependency('edna', { logger: false, retry: { maxAttempts: 1 } });
    await dep.execute(() => Promise.reject(throttled(10_000))).catch(() => undefined);
    const controller = new AbortController();
    const held = dep.execute(async () => 'ok', { signal: controller.signal }).catch((e: unknown) => e);
    // Act
    controller.abort('caller left');
    // Assert
    expect(await held).toBe('caller left');
    expect(dep.stats().inFlight).toBe(0);
  });

  it("a retry in flight waits for another call's cooldown too", async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 2, backoff: { jitter: 'none', initialDelayMs: 10, maxDelayMs: 10 } },
    });
    const delays: number[] = [];
    dep.onRetry((e) => delays.push(e.delayMs));
    let failFirst!: () => void;
    let n = 0;
    const first = dep.execute(() => {
      n++;
      if (n > 1) return Promise.resolve('ok');
      return new Promise<string>((_, reject) => {
        failFirst = () => reject(new TransientError('503', { status: 503 }));
      });
    });
    // Another call is throttled while the first attempt is out, with a 3 s hint
    let m = 0;
    const second = dep.execute(() => (m++ === 0 ? Promise.reject(throttled(3_000)) : Promise.resolve('ok')));
    await vi.advanceTimersByTimeAsync(0);
    failFirst();
    // Act
    await vi.advanceTimersByTimeAsync(6_000);
    // Assert
    await expect(first).resolves.toBe('ok');
    await expect(second).resolves.toBe('ok');
    expect(delays).toHaveLength(2);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2_990);
  });
});

describe('CooldownStage.releaseAt', () => {
  it('spreads held calls over the last pushback, within the call time', async () => {
    const { CooldownStage } = await import('./cooldown.js');
    const { Telemetry } = await import('../telemetry/Telemetry.js');
    const stage = new CooldownStage('edna', { maxMs: 120_000 }, new Telemetry('edna', undefined));
    stage.pushback(2_000, 1_000);
    expect(stage.until).toBe(3_000);
    expect(stage.releaseAt(100_000, () => 0)).toBe(3_000);
    expect(stage.releaseAt(100_000, () => 0.5)).toBe(4_000);
    expect(stage.releaseAt(3_500, () => 0.99)).toBeLessThanOrEqual(3_500);
  });
});
