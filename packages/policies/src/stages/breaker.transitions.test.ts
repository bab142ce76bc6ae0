// The breaker stage's transitions pinned exactly: the events' payloads, refusal up to openUntil and not
// at it, a forced close that only acts on an open or half-open circuit (a closed one keeps its count),
// reset() reporting only a real change, isolation emitting once and ending with one reset, shadow mode
// refusing only while isolated, and a slow half-open probe reopening the circuit.
import { TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeOptions } from '../options/normalizeOptions.js';
import { Telemetry } from '../telemetry/Telemetry.js';
import { wrapDependency } from '../wrapDependency.js';
import { BreakerStage } from './breaker.js';

const unavailable = () => new TransientError('503', { status: 503 });

function build(breaker: object = { threshold: 2, halfOpenAfterMs: 1_000 }) {
  const o = normalizeOptions('edna', { breaker } as never);
  const t = new Telemetry('edna', undefined);
  const events: [string, unknown][] = [];
  t.onBreak((e) => events.push(['break', e]));
  t.onHalfOpen((e) => events.push(['half-open', e]));
  t.onReset((e) => events.push(['reset', e]));
  const stage = new BreakerStage('edna', o.breaker, () => true, t);
  const fail = (error: Error = unavailable()) =>
    stage.execute(() => Promise.reject(error)).catch(() => undefined);
  return { stage, events, fail };
}

describe('BreakerStage transitions', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports open, half-open and closed with exact payloads', async () => {
    // Prepare
    const { stage, events, fail } = build();
    const error = unavailable();
    // Act
    await fail();
    await fail(error);
    vi.advanceTimersByTime(1_000);
    await stage.execute(async () => 'ok');
    // Assess
    expect(events).toStrictEqual([
      ['break', { dependency: 'edna', state: 'open', retryAfterMs: 1_000, trigger: 'failures', error }],
      ['half-open', { dependency: 'edna' }],
      ['reset', { dependency: 'edna' }],
    ]);
  });

  it('refuses up to openUntil and not at it', async () => {
    const { stage, fail } = build();
    await fail();
    await fail();
    const until = stage.openUntil;
    expect([stage.refuses(until - 1), stage.refuses(until)]).toEqual([true, false]);
  });

  it('forceClosed() leaves a closed circuit alone: its failure count is kept', async () => {
    // Prepare
    const { stage, events, fail } = build();
    await fail();
    // Act
    stage.forceClosed();
    await fail();
    // Assess: the second failure still reached the threshold of 2
    expect(stage.state()).toBe('open');
    expect(events.map(([kind]) => kind)).toEqual(['break']);
  });

  it('forceClosed() closes a half-open circuit and reports it once', async () => {
    // Prepare
    const { stage, events, fail } = build();
    await fail();
    await fail();
    vi.advanceTimersByTime(1_000);
    const probe = stage.execute(() => new Promise<string>(() => {}));
    void probe;
    expect(stage.state()).toBe('half-open');
    expect(stage.halfOpen).toBe(true);
    // Act
    stage.forceClosed();
    // Assess
    expect(stage.state()).toBe('closed');
    expect(stage.halfOpen).toBe(false);
    expect(events.map(([kind]) => kind)).toEqual(['break', 'half-open', 'reset']);
  });

  it('reset() of a closed circuit reports nothing', () => {
    const { stage, events } = build();
    stage.reset();
    expect(events).toEqual([]);
    expect(stage.halfOpen).toBe(false);
  });

  it('isolation: reported once however many hold it, released by the last dispose with one reset', () => {
    // Prepare
    const { stage, events } = build();
    // Act
    const first = stage.isolate();
    const second = stage.isolate();
    stage.forceClosed();
    first.dispose();
    first.dispose();
    const stillIsolated = stage.state();
    second.dispose();
    // Assess
    expect(stillIsolated).toBe('isolated');
    expect(stage.state()).toBe('closed');
    expect(stage.isolated).toBe(false);
    expect(events).toStrictEqual([
      ['break', { dependency: 'edna', state: 'isolated', retryAfterMs: Number.POSITIVE_INFINITY }],
      ['reset', { dependency: 'edna' }],
    ]);
  });

  it('isolation holds when a call in flight trips the circuit, and stops a retry that was waiting', async () => {
    // Prepare: A is out when isolate() is called and fails after it; B failed before and waits to retry
    const dep = wrapDependency('edna', {
      logger: false,
      retry: {
        maxAttempts: 2,
        backoff: { jitter: 'none', initialDelayMs: 2_000, maxDelayMs: 2_000 },
        budget: false,
      },
      breaker: { threshold: 2, halfOpenAfterMs: 1_000 },
    });
    const giveUps: string[] = [];
    dep.onGiveUp((e) => giveUps.push(e.reason));
    let failA!: () => void;
    const a = vi.fn(() => new Promise<string>((_, reject) => (failA = () => reject(unavailable()))));
    const aCall = dep.execute(a).catch((e: unknown) => e);
    let n = 0;
    const b = vi.fn(async () => {
      if (n++ === 0) throw unavailable();
      return 'through';
    });
    const bCall = dep.execute(b).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    const isolation = dep.isolate();
    // Act: A fails (the circuit opens underneath); time passes the break duration and B's wait
    failA();
    await vi.advanceTimersByTimeAsync(3_000);
    const refused = await dep.execute(async () => 'through').catch((e: unknown) => e);
    // Assess
    expect(dep.state).toBe('isolated');
    expect(refused).toMatchObject({ reason: 'circuit-open', message: 'edna: circuit isolated' });
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 1]);
    expect(await aCall).toMatchObject({ status: 503 });
    expect(await bCall).toMatchObject({ status: 503 });
    expect(giveUps).toEqual(['circuit-open', 'circuit-open']);
    isolation.dispose();
    expect(dep.state).toBe('closed');
  });

  it('shadow mode refuses nothing while open, and everything while isolated', async () => {
    const { stage, fail } = build({ threshold: 1, shadow: true });
    await fail();
    expect(stage.openUntil).toBeGreaterThan(Date.now());
    expect(stage.refuses(Date.now())).toBe(false);
    stage.isolate();
    expect(stage.refuses(Date.now())).toBe(true);
  });
});

describe('slow-call breaker in half-open', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a slow half-open probe reopens the circuit; a fast one closes it', async () => {
    // Prepare: 2 slow calls in a window of 2 open it
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      timeout: { attemptMs: 1_000, totalMs: 1_000 },
      breaker: {
        halfOpenAfterMs: 500,
        slowCall: { durationMs: 300, rateThreshold: 1, minimumCalls: 2, windowSize: 2 },
      },
    });
    const triggers: string[] = [];
    dep.onBreak((e) => triggers.push(`${e.trigger}`));
    const takes = async (ms: number) => {
      const call = dep.execute(() => new Promise<string>((r) => setTimeout(() => r('ok'), ms)));
      await vi.advanceTimersByTimeAsync(ms);
      return call;
    };
    await takes(300);
    await takes(300);
    expect(dep.state).toBe('open');
    // Act: a slow probe
    await vi.advanceTimersByTimeAsync(500);
    await expect(takes(300)).resolves.toBe('ok');
    const afterSlowProbe = dep.state;
    await vi.advanceTimersByTimeAsync(500);
    await takes(10);
    // Assess
    expect(afterSlowProbe).toBe('open');
    expect(dep.state).toBe('closed');
    expect(triggers).toEqual(['slow-calls', 'slow-calls']);
  });
});
