// Adaptive client-side throttling (Google SRE): options checked; the local reject probability follows
// max(0, (requests - K x accepts) / (requests + 1)) over the trailing window; refusals are 503-class and
// never count toward the breaker; nothing is refused while the dependency accepts.
import { classify, isDependencyDownError, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Telemetry } from '../telemetry/Telemetry.js';
import { wrapDependency } from '../wrapDependency.js';
import { AdaptiveThrottle, normalizeAdaptiveThrottle } from './adaptiveThrottle.js';

describe('normalizeAdaptiveThrottle', () => {
  it('is off by default; {} takes K 2 and a 2-minute window', () => {
    expect(normalizeAdaptiveThrottle('o', undefined)).toBeUndefined();
    expect(normalizeAdaptiveThrottle('o', false)).toBeUndefined();
    expect(normalizeAdaptiveThrottle('o', {})).toEqual({ k: 2, windowMs: 120_000 });
  });

  it.each([
    [true, 'adaptiveThrottle must be an object or false'],
    [{ k: 0.5 }, 'adaptiveThrottle.k must be a finite number >= 1 and <= 10'],
    [{ k: Number.NaN }, 'got NaN'],
    [{ windowMs: 10 }, 'adaptiveThrottle.windowMs must be a finite number of ms >= 1000'],
    [{ K: 2 }, 'did you mean "k"'],
  ])('refuses %o naming the field', (value, message) => {
    expect(() => normalizeAdaptiveThrottle("wrapDependency('edna')", value)).toThrow(message);
  });
});

describe('AdaptiveThrottle', () => {
  const make = (k = 2, random = () => 0) =>
    new AdaptiveThrottle('edna', { k, windowMs: 12_000 }, new Telemetry('edna', undefined), random);

  it('follows max(0, (requests - K x accepts) / (requests + 1))', () => {
    const a = make(2);
    for (let i = 0; i < 10; i++) a.record(true, 0);
    expect(a.rejectProbability(0)).toBe(0);
    for (let i = 0; i < 30; i++) a.record(false, 0);
    // requests 40, accepts 10: (40 - 20) / 41
    expect(a.rejectProbability(0)).toBeCloseTo(20 / 41, 10);
    const b = make(1.5);
    for (let i = 0; i < 10; i++) b.record(true, 0);
    for (let i = 0; i < 30; i++) b.record(false, 0);
    expect(b.rejectProbability(0)).toBeCloseTo(25 / 41, 10);
  });

  it('forgets what is older than the window', () => {
    const a = make(2);
    for (let i = 0; i < 30; i++) a.record(false, 0);
    expect(a.rejectProbability(0)).toBeGreaterThan(0.9);
    expect(a.rejectProbability(12_001)).toBe(0);
  });

  it('refuses with a 503-class error that never counts toward the breaker, counted as a request', () => {
    // Prepare
    const a = make(2, () => 0);
    for (let i = 0; i < 10; i++) a.record(false, Date.now());
    // Act
    const refused = a.admit();
    // Assert
    expect(isDependencyDownError(refused)).toBe(true);
    expect(refused).toMatchObject({ reason: 'throttled', retryAfterMs: 1_000 });
    expect(classify(refused).httpStatus).toBe(503);
    expect(classify(refused).countsTowardBreaker).toBe(false);
  });

  it('lets a call through when the draw is above the probability', () => {
    const a = make(2, () => 0.99);
    for (let i = 0; i < 10; i++) a.record(false, Date.now());
    expect(a.admit()).toBeUndefined();
  });
});

describe('a dependency with adaptiveThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends fewer calls while the dependency throttles, and all of them while it accepts', async () => {
    // Prepare: throttled answers without a hint (no cooldown), no breaker, one attempt
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 1 },
      breaker: false,
      adaptiveThrottle: {},
    });
    const refusedBy: string[] = [];
    dep.onRateLimited((e) => refusedBy.push(e.by));
    let sent = 0;
    const throttling = async () => {
      sent++;
      throw new TransientError('429', { status: 429, reason: 'throttled' });
    };
    // Act
    for (let i = 0; i < 200; i++) await dep.execute(throttling).catch(() => undefined);
    // Assert
    expect(sent).toBeLessThan(100);
    expect(refusedBy.length).toBe(200 - sent);
    expect(new Set(refusedBy)).toEqual(new Set(['adaptive-throttle']));
    expect(dep.stats().rateLimited).toBe(200 - sent);
  });

  it('refuses nothing while the dependency accepts', async () => {
    const dep = wrapDependency('edna', { logger: false, adaptiveThrottle: { k: 1 } });
    for (let i = 0; i < 100; i++) await dep.execute(async () => 'ok');
    expect(dep.stats().rateLimited).toBe(0);
  });
});
