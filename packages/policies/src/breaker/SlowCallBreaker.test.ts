// SlowCallBreaker on its own, around cockatiel's real ConsecutiveBreaker: what makes a call slow (at the
// threshold, not above), the minimum calls and the rate (reached exactly, not before), that a fast call
// never trips, the window wrapping around (old samples leave it), the half-open probe, and what failure()
// reports to cockatiel.
import { CircuitState, ConsecutiveBreaker } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { SlowCallBreaker } from './SlowCallBreaker.js';

const SLOW = 300;
const FAST = 299;

function breaker(options: { rateThreshold?: number; minimumCalls?: number; windowSize?: number } = {}) {
  return new SlowCallBreaker(new ConsecutiveBreaker(2), {
    durationMs: 300,
    rateThreshold: options.rateThreshold ?? 1,
    minimumCalls: options.minimumCalls ?? 1,
    windowSize: options.windowSize ?? 1,
  });
}

/** Records each duration in the closed state; returns whether each one would trip. */
function feed(b: SlowCallBreaker, ...durations: number[]): boolean[] {
  return durations.map((ms) => {
    b.record(ms, false);
    return b.takeTrip();
  });
}

describe('SlowCallBreaker', () => {
  it('a call is slow at durationMs, not 1 ms before', () => {
    expect(feed(breaker(), FAST, SLOW)).toEqual([false, true]);
  });

  it('needs minimumCalls samples before it trips', () => {
    expect(feed(breaker({ minimumCalls: 3, windowSize: 3 }), SLOW, SLOW, SLOW)).toEqual([false, false, true]);
  });

  it('trips when the slow share reaches rateThreshold exactly, not below it', () => {
    const options = { rateThreshold: 0.5, minimumCalls: 4, windowSize: 4 };
    expect(feed(breaker(options), FAST, FAST, SLOW, SLOW)).toEqual([false, false, false, true]);
    expect(feed(breaker(options), FAST, FAST, FAST, SLOW)).toEqual([false, false, false, false]);
  });

  it('a fast call never trips, even with the slow share above the threshold', () => {
    expect(feed(breaker({ rateThreshold: 0.5, minimumCalls: 2, windowSize: 2 }), SLOW, FAST, SLOW)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('the window wraps: the oldest sample leaves as a new one comes in', () => {
    // Window of 2 at rate 1: [slow, slow] trips; a fast call pushes one slow out; then a slow call
    // replaces the other slow one, leaving [fast, slow]: no trip.
    expect(feed(breaker({ minimumCalls: 2, windowSize: 2 }), SLOW, SLOW, FAST, SLOW, SLOW)).toEqual([
      false,
      true,
      false,
      false,
      true,
    ]);
  });

  it('a window of 3 keeps three samples: the fourth replaces the first', () => {
    expect(feed(breaker({ minimumCalls: 3, windowSize: 3 }), FAST, SLOW, SLOW, SLOW)).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });

  it('half-open: one slow probe is enough to reopen, a fast one is not, and neither enters the window', () => {
    // Prepare
    const b = breaker({ minimumCalls: 2, windowSize: 2 });
    // Act + Assess
    b.record(SLOW, true);
    expect(b.takeTrip()).toBe(true);
    b.record(FAST, true);
    expect(b.takeTrip()).toBe(false);
    // The probes left no sample: one slow call in the closed state is still below minimumCalls.
    expect(feed(b, SLOW)).toEqual([false]);
  });

  it('takeTrip() answers true once; failure() then opens as a slow-call trip without asking cockatiel', () => {
    // Prepare
    const b = breaker();
    b.record(SLOW, false);
    // Act + Assess
    expect(b.takeTrip()).toBe(true);
    expect(b.takeTrip()).toBe(false);
    expect(b.failure(CircuitState.Closed)).toBe(true);
    expect(b.lastTrigger).toBe('slow-calls');
    // The trip was used: the next failure is cockatiel's to judge (ConsecutiveBreaker(2): one is not enough).
    expect(b.failure(CircuitState.Closed)).toBe(false);
    expect(b.lastTrigger).toBe('failures');
    expect(b.failure(CircuitState.Closed)).toBe(true);
  });

  it('a pending trip makes failure() open too (a slow call that also failed)', () => {
    const b = breaker();
    b.record(SLOW, false);
    expect(b.failure(CircuitState.Closed)).toBe(true);
    expect(b.lastTrigger).toBe('slow-calls');
    expect(b.takeTrip()).toBe(false);
  });

  it('a new record clears a trip nobody took', () => {
    const b = breaker({ rateThreshold: 1, minimumCalls: 1, windowSize: 1 });
    b.record(SLOW, false);
    b.record(FAST, false);
    expect(b.takeTrip()).toBe(false);
    expect(b.failure(CircuitState.Closed)).toBe(false);
  });

  it('clear() forgets every sample and any pending trip', () => {
    // Prepare
    const b = breaker({ minimumCalls: 2, windowSize: 2 });
    feed(b, SLOW);
    b.record(SLOW, false);
    // Act
    b.clear();
    // Assess
    expect(b.takeTrip()).toBe(false);
    expect(b.failure(CircuitState.Closed)).toBe(false);
    expect(feed(b, SLOW)).toEqual([false]);
    expect(feed(b, SLOW)).toEqual([true]);
  });

  it("success() and state reach the inner breaker (a success resets cockatiel's consecutive count)", () => {
    // Prepare
    const inner = new ConsecutiveBreaker(2);
    const b = new SlowCallBreaker(inner, {
      durationMs: 300,
      rateThreshold: 1,
      minimumCalls: 1,
      windowSize: 1,
    });
    // Act + Assess
    expect(b.failure(CircuitState.Closed)).toBe(false);
    b.success(CircuitState.Closed);
    expect(b.failure(CircuitState.Closed)).toBe(false);
    b.state = 7;
    expect(inner.state).toBe(7);
    expect(b.state).toBe(7);
  });
});
