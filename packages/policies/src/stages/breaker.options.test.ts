// Every breaker option pinned by a test that fails when the option is ignored (replaced by its default):
// each test picks a value whose behaviour differs from the default's at exactly the point it checks.
import { TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dependency } from '../Dependency.js';
import { wrapDependency } from '../wrapDependency.js';

type Breaker = Exclude<NonNullable<Parameters<typeof wrapDependency>[1]>['breaker'], undefined>;

function dep(breaker: Breaker, attemptMs = 5_000): Dependency<never> {
  return wrapDependency('edna', {
    logger: false,
    timeout: { attemptMs, totalMs: 2 * attemptMs },
    retry: { maxAttempts: 1 },
    breaker,
  });
}

const fail = (d: Dependency<never>) =>
  d.execute(() => Promise.reject(new TransientError('503', { status: 503 }))).catch(() => undefined);
const ok = (d: Dependency<never>) => d.execute(async () => 'ok');
async function calls(d: Dependency<never>, pattern: string): Promise<void> {
  for (const c of pattern) await (c === 'x' ? fail(d) : ok(d));
}
/** A call taking `ms` (fake time). */
async function takes(d: Dependency<never>, ms: number): Promise<void> {
  const call = d.execute(() => new Promise<string>((r) => setTimeout(() => r('ok'), ms)));
  await vi.advanceTimersByTimeAsync(ms);
  await call;
}
/** Starts a probe the test settles by hand. */
function probe(d: Dependency<never>) {
  let settle!: (outcome: 'ok' | 'fail') => void;
  const done = d
    .execute(
      () =>
        new Promise<string>((resolve, reject) => {
          settle = (o) => (o === 'ok' ? resolve('ok') : reject(new TransientError('503', { status: 503 })));
        }),
    )
    .catch(() => undefined);
  return { settle: (o: 'ok' | 'fail') => settle(o), done };
}

describe('breaker options, each pinned', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('threshold (consecutive): opens on the 3rd failure, not the 5th', async () => {
    const d = dep({ threshold: 3 });
    await calls(d, 'xx');
    expect(d.state).toBe('closed');
    await calls(d, 'x');
    expect(d.state).toBe('open');
  });

  it('halfOpenAfterMs: half-opens at 2.5 s, not 5 s', async () => {
    const d = dep({ threshold: 1, halfOpenAfterMs: 2_500 });
    await fail(d);
    await vi.advanceTimersByTimeAsync(2_499);
    expect(d.state).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(d.state).toBe('half-open');
  });

  it('halfOpenProbes: admits 3 probes at once, refuses the 4th', async () => {
    // Prepare
    const d = dep({ threshold: 1, halfOpenAfterMs: 1_000, halfOpenProbes: 3 });
    await fail(d);
    await vi.advanceTimersByTimeAsync(1_000);
    // Act
    const probes = [probe(d), probe(d), probe(d)];
    const fourth = await ok(d).catch((e: unknown) => e);
    // Assert
    expect((fourth as Error).message).toContain('probes in flight');
    expect(d.stats().attempts).toBe(4); // the first failure and 3 probes
    for (const p of probes) p.settle('ok');
    await Promise.all(probes.map((p) => p.done));
    expect(d.state).toBe('closed');
  });

  it('halfOpenFailureRatio: 1 failed probe of 4 is within 0.5 and closes (with 0 it reopens)', async () => {
    // Prepare
    const d = dep({ threshold: 1, halfOpenAfterMs: 1_000, halfOpenProbes: 4, halfOpenFailureRatio: 0.5 });
    await fail(d);
    await vi.advanceTimersByTimeAsync(1_000);
    const probes = [probe(d), probe(d), probe(d), probe(d)];
    // Act
    probes[0]!.settle('fail');
    await probes[0]!.done;
    expect(d.state).toBe('half-open');
    for (const p of probes.slice(1)) p.settle('ok');
    await Promise.all(probes.map((p) => p.done));
    // Assert
    expect(d.state).toBe('closed');
  });

  it('halfOpenFailureRatio: 3 failed probes of 4 exceed 0.5 and reopen', async () => {
    const d = dep({ threshold: 1, halfOpenAfterMs: 1_000, halfOpenProbes: 4, halfOpenFailureRatio: 0.5 });
    await fail(d);
    await vi.advanceTimersByTimeAsync(1_000);
    const probes = [probe(d), probe(d), probe(d), probe(d)];
    for (const p of probes.slice(0, 2)) p.settle('fail');
    await Promise.all(probes.slice(0, 2).map((p) => p.done));
    expect(d.state).toBe('half-open');
    probes[2]!.settle('fail');
    await probes[2]!.done;
    expect(d.state).toBe('open');
  });

  it('count failureRatio: 1 failure in 4 exceeds 0.2 (0.5 would stay closed)', async () => {
    const d = dep({ kind: 'count', size: 4, minimumCalls: 4, failureRatio: 0.2 });
    await calls(d, 'ooo');
    expect(d.state).toBe('closed');
    await calls(d, 'x');
    expect(d.state).toBe('open');
  });

  it('count minimumCalls: opens at the 4th call, not the 100th', async () => {
    const d = dep({ kind: 'count', size: 10, minimumCalls: 4, failureRatio: 0.5 });
    await calls(d, 'xxx');
    expect(d.state).toBe('closed');
    await calls(d, 'x');
    expect(d.state).toBe('open');
  });

  it('count size: a window of 2 forgets older successes (a window of 100 would not)', async () => {
    const d = dep({ kind: 'count', size: 2, minimumCalls: 2, failureRatio: 0.4 });
    await calls(d, 'ooo');
    expect(d.state).toBe('closed');
    await calls(d, 'x');
    expect(d.state).toBe('open');
  });

  it('sampling minimumCalls and failureRatio: 4 calls at 0.75 open; 2 failures of 4 do not', async () => {
    const d = dep({ kind: 'sampling', windowMs: 10_000, minimumCalls: 4, failureRatio: 0.75 });
    await calls(d, 'ooxx');
    expect(d.state).toBe('closed');
    const e = dep({ kind: 'sampling', windowMs: 10_000, minimumCalls: 4, failureRatio: 0.75 });
    await calls(e, 'xxx');
    expect(e.state).toBe('closed');
    await calls(e, 'x');
    expect(e.state).toBe('open');
  });

  it('sampling windowMs: 5 s keeps 5 one-second buckets, so older successes drop out (30 s would keep them)', async () => {
    // cockatiel retires a bucket when a call arrives after the bucket's second, so calls 1 s apart
    // each take a new bucket and the window holds the last 5 of them.
    const d = dep({ kind: 'sampling', windowMs: 5_000, minimumCalls: 4, failureRatio: 0.5 }, 2_000);
    const spaced = async (pattern: string) => {
      for (const c of pattern) {
        await calls(d, c);
        await vi.advanceTimersByTimeAsync(1_000);
      }
    };
    await spaced('oooooxx');
    expect(d.state).toBe('closed'); // o o o x x: 0.4
    await spaced('x');
    expect(d.state).toBe('open'); // o o x x x: 0.6
  });

  it('slowCall.durationMs: calls of 299 ms are not slow at 300 ms, calls of 300 ms are', async () => {
    const slowCall = { durationMs: 300, rateThreshold: 1, minimumCalls: 2, windowSize: 2 };
    const d = dep({ slowCall });
    await takes(d, 299);
    await takes(d, 299);
    expect(d.state).toBe('closed');
    await takes(d, 300);
    await takes(d, 300);
    expect(d.state).toBe('open');
  });

  it('slowCall.rateThreshold: 1 slow call in 2 reaches 0.5 (1 would not)', async () => {
    const d = dep({ slowCall: { durationMs: 300, rateThreshold: 0.5, minimumCalls: 2, windowSize: 2 } });
    await takes(d, 10);
    await takes(d, 300);
    expect(d.state).toBe('open');
  });

  it('slowCall.minimumCalls: 2 slow calls are not enough at 3', async () => {
    const d = dep({ slowCall: { durationMs: 300, rateThreshold: 1, minimumCalls: 3, windowSize: 3 } });
    await takes(d, 300);
    await takes(d, 300);
    expect(d.state).toBe('closed');
    await takes(d, 300);
    expect(d.state).toBe('open');
  });

  it('slowCall.windowSize: a window of 2 forgets an older fast call', async () => {
    const d = dep({ slowCall: { durationMs: 300, rateThreshold: 1, minimumCalls: 2, windowSize: 2 } });
    await takes(d, 10);
    await takes(d, 300);
    expect(d.state).toBe('closed');
    await takes(d, 300);
    expect(d.state).toBe('open');
  });
});
