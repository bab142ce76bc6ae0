// The throttle's edges pinned exactly: a draw equal to the probability lets the call through; a refused
// call counts as a request (the probability climbs); no random draw while nothing can be refused; the
// refusal's message and its rateLimited event and counter; the window forgets from any start time; an
// unknown key is named under adaptiveThrottle.
import { describe, expect, it, vi } from 'vitest';
import { Telemetry } from '../telemetry/Telemetry.js';
import { AdaptiveThrottle, normalizeAdaptiveThrottle } from './adaptiveThrottle.js';

const make = (random: () => number, telemetry = new Telemetry('edna', undefined)) =>
  new AdaptiveThrottle('edna', { k: 2, windowMs: 12_000 }, telemetry, random);

describe('AdaptiveThrottle edges', () => {
  it('a draw equal to the probability lets the call through; one below it is refused', () => {
    // Prepare: 10 requests, none accepted: p = 10 / 11
    const equal = make(() => 10 / 11);
    const below = make(() => 10 / 11 - 1e-12);
    for (let i = 0; i < 10; i++) {
      equal.record(false, Date.now());
      below.record(false, Date.now());
    }
    // Act + Assess
    expect(equal.rejectProbability()).toBe(10 / 11);
    expect(equal.admit()).toBeUndefined();
    expect(below.admit()).toBeDefined();
  });

  it('a refused call counts as a request: the probability climbs', () => {
    // Prepare
    const a = make(() => 0);
    for (let i = 0; i < 10; i++) a.record(false, Date.now());
    // Act
    a.admit();
    // Assess: 11 requests, none accepted
    expect(a.rejectProbability()).toBe(11 / 12);
  });

  it('draws no random number while nothing can be refused', () => {
    const random = vi.fn(() => 0);
    const a = make(random);
    for (let i = 0; i < 10; i++) a.record(true, Date.now());
    expect(a.admit()).toBeUndefined();
    expect(random).not.toHaveBeenCalled();
  });

  it('a refusal: its message, one rateLimited event and the counter', () => {
    // Prepare
    const t = new Telemetry('edna', undefined);
    const events: unknown[] = [];
    t.onRateLimited((e) => events.push(e));
    const a = make(() => 0, t);
    for (let i = 0; i < 10; i++) a.record(false, Date.now());
    // Act
    const refused = a.admit();
    // Assess
    expect(refused?.message).toBe('edna: throttled locally while the dependency pushes back');
    expect(events).toEqual([{ dependency: 'edna', retryAfterMs: 1_000, by: 'adaptive-throttle' }]);
    expect(t.rateLimited).toBe(1);
  });

  it('forgets what is older than the window, from any start time', () => {
    // Prepare: buckets of 1 s
    const a = make(() => 0);
    for (let i = 0; i < 30; i++) a.record(false, 5_000_000);
    // Act + Assess
    expect(a.rejectProbability(5_000_000)).toBe(30 / 31);
    expect(a.rejectProbability(5_011_999)).toBe(30 / 31);
    expect(a.rejectProbability(5_012_000)).toBe(0);
  });

  it('refuses null as not an object', () => {
    expect(() => normalizeAdaptiveThrottle("wrapDependency('edna')", null)).toThrow(
      "wrapDependency('edna'): adaptiveThrottle must be an object or false, got null",
    );
  });

  it('names an unknown key under adaptiveThrottle', () => {
    expect(() => normalizeAdaptiveThrottle("wrapDependency('edna')", { K: 2 })).toThrow(
      `wrapDependency('edna'): unknown option "adaptiveThrottle.K"; did you mean "k"? Valid: k, windowMs`,
    );
  });
});
