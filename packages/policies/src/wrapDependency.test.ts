import {
  classify,
  DependencyDownError,
  isDependencyDownError,
  PermanentError,
  TransientError,
} from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecuteContext } from './Dependency.js';
import { withDeadline } from './deadline/withDeadline.js';
import { wrapDependency } from './wrapDependency.js';

const transient = (message = 'edna answered 503') => new TransientError(message, { status: 503 });
const quiet = { logger: false } as const;

/** A dependency function scripted per attempt: 'ok', an error to throw, or 'hang' (never settles). */
function scripted(...steps: ('ok' | 'hang' | Error)[]) {
  const calls: ExecuteContext[] = [];
  const fn = async (ctx: ExecuteContext): Promise<string> => {
    calls.push(ctx);
    const step = steps[Math.min(calls.length, steps.length) - 1];
    if (step === 'hang') return new Promise<string>(() => {});
    if (step instanceof Error) throw step;
    return `ok#${calls.length}`;
  };
  return { fn, calls };
}

describe('wrapDependency', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('retry', () => {
    it('retries transient failures and succeeds on the third attempt', async () => {
      // Prepare
      const dep = wrapDependency('edna', quiet);
      const { fn, calls } = scripted(transient(), transient(), 'ok');
      // Act
      const result = dep.execute(fn);
      await vi.advanceTimersByTimeAsync(10_000);
      // Assess
      await expect(result).resolves.toBe('ok#3');
      expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    });

    it('counts maxAttempts as TOTAL attempts, not retries', async () => {
      // Prepare
      const dep = wrapDependency('edna', { ...quiet, retry: { maxAttempts: 2 } });
      const { fn, calls } = scripted(transient());
      // Act
      const result = dep.execute(fn);
      const settled = expect(result).rejects.toBeInstanceOf(TransientError);
      await vi.advanceTimersByTimeAsync(10_000);
      // Assess
      await settled;
      expect(calls).toHaveLength(2);
    });

    it.each([
      ['a permanent error', new PermanentError('bad request', { status: 400 })],
      ['an unknown error', new Error('bug')],
      ['an open circuit elsewhere', new DependencyDownError('down')],
    ])('never retries %s', async (_label, error) => {
      // Prepare
      const dep = wrapDependency('edna', quiet);
      const { fn, calls } = scripted(error, 'ok');
      // Act
      const result = dep.execute(fn);
      // Assess
      await expect(result).rejects.toBe(error);
      expect(calls).toHaveLength(1);
    });

    it('throws the real last error when attempts run out, and says why in onGiveUp', async () => {
      // Prepare
      const dep = wrapDependency('edna', quiet);
      const last = transient('third');
      const { fn } = scripted(transient('first'), transient('second'), last);
      const giveUps: string[] = [];
      dep.onGiveUp((e) => giveUps.push(`${e.reason}@${e.attempts}`));
      // Act
      const result = dep.execute(fn);
      const settled = expect(result).rejects.toBe(last);
      await vi.advanceTimersByTimeAsync(10_000);
      // Assess
      await settled;
      expect(giveUps).toEqual(['max-attempts@3']);
    });

    it('waits as long as Retry-After asks (clamped to maxDelayMs)', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: { backoff: { jitter: 'none', initialDelayMs: 10, maxDelayMs: 3_000 } },
      });
      const throttled = new TransientError('429', { status: 429, reason: 'throttled', retryAfterMs: 2_000 });
      const { fn, calls } = scripted(throttled, 'ok');
      const delays: number[] = [];
      dep.onRetry((e) => delays.push(e.delayMs));
      // Act
      const result = dep.execute(fn);
      await vi.advanceTimersByTimeAsync(1_999);
      const before = calls.length;
      await vi.advanceTimersByTimeAsync(1);
      // Assess
      await expect(result).resolves.toBe('ok#2');
      expect(before).toBe(1);
      expect(delays).toEqual([2_000]);
    });

    it('waits for a Retry-After beyond maxDelayMs when it fits the call (never retries early)', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: { backoff: { initialDelayMs: 10, maxDelayMs: 1_000 } },
      });
      const throttled = new TransientError('429', { status: 429, reason: 'throttled', retryAfterMs: 20_000 });
      const { fn, calls } = scripted(throttled, 'ok');
      const delays: number[] = [];
      dep.onRetry((e) => delays.push(e.delayMs));
      // Act
      const result = dep.execute(fn);
      await vi.advanceTimersByTimeAsync(19_999);
      const before = calls.length;
      await vi.advanceTimersByTimeAsync(1);
      // Assess
      await expect(result).resolves.toBe('ok#2');
      expect(before).toBe(1);
      expect(delays).toEqual([20_000]);
    });

    it('gives up at once, with retryAfterMs, when a Retry-After does not fit the remaining time', async () => {
      // Prepare: 45 s asked, 30 s of total time
      const dep = wrapDependency('edna', { ...quiet, retry: { backoff: { maxDelayMs: 1_000 } } });
      const throttled = new TransientError('429', { status: 429, reason: 'throttled', retryAfterMs: 45_000 });
      const { fn, calls } = scripted(throttled, 'ok');
      const giveUps: { reason: string; retryAfterMs: number | undefined }[] = [];
      dep.onGiveUp(({ reason, retryAfterMs }) => giveUps.push({ reason, retryAfterMs }));
      // Act
      const error = await dep.execute(fn).catch((e: unknown) => e);
      // Assess
      expect(error).toBe(throttled);
      expect((error as TransientError).retryAfterMs).toBe(45_000);
      expect(calls.length).toBe(1);
      expect(giveUps).toEqual([{ reason: 'deadline', retryAfterMs: 45_000 }]);
    });

    it('a give-up for lack of time without a hint carries no retryAfterMs', async () => {
      // Prepare: the attempt fails after 999 ms; the 4 s backoff plus another attempt does not fit 5 s
      const dep = wrapDependency('edna', {
        ...quiet,
        timeout: { attemptMs: 1_000, totalMs: 5_000 },
        retry: { maxAttempts: 2, backoff: { jitter: 'none', initialDelayMs: 4_000, maxDelayMs: 4_000 } },
      });
      const giveUps: unknown[] = [];
      dep.onGiveUp((e) => giveUps.push([e.reason, e.retryAfterMs]));
      const slowFailure = () =>
        new Promise<string>((_, reject) => setTimeout(() => reject(transient()), 999));
      // Act
      const error = dep.execute(slowFailure).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(999);
      // Assess
      expect(await error).toBeInstanceOf(TransientError);
      expect(giveUps).toEqual([['deadline', undefined]]);
    });

    it('gives AWS-style throttling without Retry-After at least the throttling base delay', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: { backoff: { jitter: 'none', initialDelayMs: 1, maxDelayMs: 5_000 } },
      });
      // The AWS SDK v3's shape for a throttled call.
      const throttled = Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      });
      const delays: number[] = [];
      dep.onRetry((e) => delays.push(e.delayMs));
      const { fn } = scripted(throttled, 'ok');
      // Act
      const result = dep.execute(fn);
      await vi.advanceTimersByTimeAsync(1_000);
      // Assess
      await expect(result).resolves.toBe('ok#2');
      expect(classify(throttled).reason).toBe('throttled');
      expect(delays[0]).toBeGreaterThanOrEqual(250);
    });

    it('does not start a retry whose wait plus one attempt cannot fit in the total timeout', async () => {
      // Prepare: 1 s total; the attempt hangs 600 ms then times out; a 500 ms wait + 600 ms cannot fit.
      const dep = wrapDependency('edna', {
        ...quiet,
        timeout: { attemptMs: 600, totalMs: 1_000 },
        retry: { maxAttempts: 2, backoff: { jitter: 'none', initialDelayMs: 500, maxDelayMs: 500 } },
      });
      const { fn, calls } = scripted('hang', 'ok');
      const giveUps: string[] = [];
      dep.onGiveUp((e) => giveUps.push(e.reason));
      // Act
      const result = dep.execute(fn);
      const settled = expect(result).rejects.toMatchObject({ name: 'TransientError', reason: 'timeout' });
      await vi.advanceTimersByTimeAsync(600);
      // Assess: gave up at once with the real (timeout) error, no wait, no second attempt.
      await settled;
      expect(calls).toHaveLength(1);
      expect(giveUps).toEqual(['deadline']);
    });

    it('uses full jitter within [0, initialDelayMs * 2^n)', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: { maxAttempts: 4, backoff: { jitter: 'full', initialDelayMs: 100, maxDelayMs: 1_000 } },
      });
      const delays: number[] = [];
      dep.onRetry((e) => delays.push(e.delayMs));
      const { fn } = scripted(transient(), transient(), transient(), 'ok');
      // Act
      const result = dep.execute(fn);
      await vi.advanceTimersByTimeAsync(5_000);
      // Assess
      await expect(result).resolves.toBe('ok#4');
      expect(delays).toHaveLength(3);
      delays.forEach((d, i) => {
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(100 * 2 ** i);
      });
    });

    it('retry: false makes exactly one attempt', async () => {
      // Prepare
      const dep = wrapDependency('edna', { ...quiet, retry: false });
      const { fn, calls } = scripted(transient(), 'ok');
      // Act + Assess
      await expect(dep.execute(fn)).rejects.toBeInstanceOf(TransientError);
      expect(calls).toHaveLength(1);
    });
  });

  describe('timeouts', () => {
    it('aborts a hung attempt at attemptMs and runs the next attempt', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        timeout: { attemptMs: 1_000, totalMs: 10_000 },
        retry: { backoff: { initialDelayMs: 1, maxDelayMs: 1 } },
      });
      const { fn, calls } = scripted('hang', 'ok');
      const timeouts: string[] = [];
      dep.onTimeout((e) => timeouts.push(`${e.kind}@${e.attempt}:${e.timeoutMs}`));
      // Act
      const result = dep.execute(fn);
      await vi.advanceTimersByTimeAsync(999);
      const abortedEarly = calls[0]?.signal.aborted;
      await vi.advanceTimersByTimeAsync(10);
      // Assess
      await expect(result).resolves.toBe('ok#2');
      expect(abortedEarly).toBe(false);
      expect(calls[0]?.signal.aborted).toBe(true);
      expect(calls[0]?.signal.reason).toMatchObject({ name: 'TransientError', reason: 'timeout' });
      expect(timeouts).toEqual(['attempt@1:1000']);
    });

    it('ends the whole call at totalMs with a timeout error, even if fn ignores its signal', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        timeout: { attemptMs: 1_000, totalMs: 2_500 },
        retry: { maxAttempts: 5, backoff: { initialDelayMs: 1, maxDelayMs: 1 } },
        breaker: false,
      });
      const { fn, calls } = scripted('hang');
      // Act
      const result = dep.execute(fn);
      const settled = expect(result).rejects.toMatchObject({ name: 'TransientError', reason: 'timeout' });
      await vi.advanceTimersByTimeAsync(2_600);
      // Assess
      await settled;
      expect(calls.length).toBeLessThanOrEqual(3);
      expect(calls.at(-1)!.deadline).toBeLessThanOrEqual(calls[0]!.deadline - 1_000 + 2_500);
    });

    it('gives each attempt a deadline no later than the total timeout', async () => {
      // Prepare
      const dep = wrapDependency('edna', { ...quiet, timeout: { attemptMs: 5_000, totalMs: 6_000 } });
      const start = Date.now();
      const { fn, calls } = scripted('ok');
      // Act
      await dep.execute(fn);
      // Assess
      expect(calls[0]!.deadline).toBe(start + 5_000);
    });

    it('leaves no timer behind once a call settles', async () => {
      // Prepare
      const dep = wrapDependency('edna', quiet);
      // Act
      await dep.execute(async () => 'ok');
      await dep.execute(async () => Promise.reject(new PermanentError('no'))).catch(() => undefined);
      // Assess
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('caller signal', () => {
    it('stops at once on the caller abort: no retry, no fallback, no breaker count', async () => {
      // Prepare
      const fallback = vi.fn(() => 'fallback');
      const dep = wrapDependency('edna', { ...quiet, fallback, breaker: { threshold: 1 } });
      const controller = new AbortController();
      const { fn, calls } = scripted('hang');
      // Act
      const result = dep.execute(fn, { signal: controller.signal });
      await vi.advanceTimersByTimeAsync(10);
      controller.abort(new Error('user went away'));
      // Assess
      await expect(result).rejects.toThrow('user went away');
      expect(calls).toHaveLength(1);
      expect(calls[0]!.signal.aborted).toBe(true);
      expect(fallback).not.toHaveBeenCalled();
      expect(dep.state).toBe('closed');
    });

    it('rejects at once when the signal is already aborted', async () => {
      // Prepare
      const dep = wrapDependency('edna', quiet);
      const { fn, calls } = scripted('ok');
      // Act + Assess
      await expect(dep.execute(fn, { signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
      expect(calls).toHaveLength(0);
    });

    it('cuts a backoff wait short when the caller aborts', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: { backoff: { jitter: 'none', initialDelayMs: 2_000 } },
      });
      const controller = new AbortController();
      const { fn, calls } = scripted(transient(), 'ok');
      // Act
      const result = dep.execute(fn, { signal: controller.signal });
      const settled = expect(result).rejects.toThrow('stop');
      await vi.advanceTimersByTimeAsync(100);
      controller.abort(new Error('stop'));
      // Assess
      await settled;
      expect(calls).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('circuit breaker', () => {
    it('opens after N counted failures and refuses calls with DependencyDownError until half-open', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: false,
        breaker: { kind: 'consecutive', threshold: 3, halfOpenAfterMs: 5_000 },
      });
      const { fn, calls } = scripted(transient(), transient(), transient(), 'ok');
      // Act
      for (let i = 0; i < 3; i++) await dep.execute(fn).catch(() => undefined);
      const refused = await dep.execute(fn).catch((e: unknown) => e);
      // Assess
      expect(dep.state).toBe('open');
      expect(calls).toHaveLength(3);
      expect(isDependencyDownError(refused)).toBe(true);
      expect(refused).toMatchObject({ reason: 'circuit-open', dependency: 'edna', retryAfterMs: 5_000 });
      expect(classify(refused)).toMatchObject({ kind: 'dependency-down', retryable: false });
    });

    it('gives each refused call its own error with the wait left, counted when refused', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: false,
        breaker: { kind: 'consecutive', threshold: 1, halfOpenAfterMs: 5_000 },
      });
      await dep
        .execute(async () => {
          throw transient();
        })
        .catch(() => undefined);
      // Act: the first refusal is handled a tick late; the second comes 2 s later.
      const first = dep.execute(async () => 'x');
      const rejectedAtOnce = dep.stats().rejected;
      await Promise.resolve();
      const firstError = await first.catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(2_000);
      const secondError = await dep.execute(async () => 'x').catch((e: unknown) => e);
      // Assess
      expect(rejectedAtOnce).toBe(1);
      expect(firstError).toBeInstanceOf(DependencyDownError);
      expect(secondError).toBeInstanceOf(DependencyDownError);
      expect(secondError).not.toBe(firstError);
      expect(firstError).toMatchObject({ retryAfterMs: 5_000 });
      expect(secondError).toMatchObject({ retryAfterMs: 3_000 });
      expect(dep.stats()).toMatchObject({ rejected: 2, failures: 3, attempts: 1 });
    });

    it('lets one probe through after halfOpenAfterMs and closes on its success', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: false,
        breaker: { threshold: 1, halfOpenAfterMs: 1_000 },
      });
      const events: string[] = [];
      dep.onBreak(() => events.push('break'));
      dep.onHalfOpen(() => events.push('half-open'));
      dep.onReset(() => events.push('reset'));
      await dep.execute(scripted(transient()).fn).catch(() => undefined);
      // Act
      await vi.advanceTimersByTimeAsync(999);
      const stillOpen = dep.state;
      await vi.advanceTimersByTimeAsync(1);
      const due = dep.state;
      const probe = await dep.execute(async () => 'probe');
      // Assess
      expect([stillOpen, due, probe, dep.state]).toEqual(['open', 'half-open', 'probe', 'closed']);
      expect(events).toEqual(['break', 'half-open', 'reset']);
    });

    it('admits exactly halfOpenProbes probes and refuses the rest while they run', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: false,
        breaker: { threshold: 1, halfOpenAfterMs: 1_000, halfOpenProbes: 2 },
      });
      await dep.execute(scripted(transient()).fn).catch(() => undefined);
      await vi.advanceTimersByTimeAsync(1_000);
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let reached = 0;
      const slowProbe = async () => {
        reached++;
        await gate;
        return 'ok';
      };
      // Act
      const p1 = dep.execute(slowProbe);
      const p2 = dep.execute(slowProbe);
      const refused = await dep.execute(slowProbe).catch((e: unknown) => e);
      release();
      // Assess
      await expect(Promise.all([p1, p2])).resolves.toEqual(['ok', 'ok']);
      expect(reached).toBe(2);
      expect(isDependencyDownError(refused)).toBe(true);
      expect(dep.state).toBe('closed');
    });

    it('reopens when the probe fails', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: false,
        breaker: { threshold: 1, halfOpenAfterMs: 1_000 },
      });
      await dep.execute(scripted(transient()).fn).catch(() => undefined);
      await vi.advanceTimersByTimeAsync(1_000);
      // Act
      await dep.execute(scripted(transient()).fn).catch(() => undefined);
      // Assess
      expect(dep.state).toBe('open');
    });

    it('does not count a 400 (permanent) toward the breaker', async () => {
      // Prepare
      const dep = wrapDependency('edna', { ...quiet, breaker: { threshold: 2 } });
      const badRequest = new PermanentError('bad', { status: 400 });
      // Act
      for (let i = 0; i < 10; i++) await dep.execute(scripted(badRequest).fn).catch(() => undefined);
      // Assess
      expect(dep.state).toBe('closed');
    });

    it('never retries into a circuit that opened during the call', async () => {
      // Prepare: threshold 2, 5 attempts allowed: the breaker opens after attempt 2.
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: { maxAttempts: 5, backoff: { initialDelayMs: 1, maxDelayMs: 1 } },
        breaker: { threshold: 2 },
      });
      const { fn, calls } = scripted(transient());
      const giveUps: string[] = [];
      dep.onGiveUp((e) => giveUps.push(e.reason));
      // Act
      const result = dep.execute(fn);
      const settled = expect(result).rejects.toBeInstanceOf(TransientError);
      await vi.advanceTimersByTimeAsync(100);
      // Assess
      await settled;
      expect(calls).toHaveLength(2);
      expect(giveUps).toEqual(['circuit-open']);
    });

    it.each([
      ['count', { kind: 'count', failureRatio: 0.5, size: 4, minimumCalls: 4 }, 3],
      ['sampling', { kind: 'sampling', failureRatio: 0.5, windowMs: 30_000, minimumCalls: 4 }, 3],
    ] as const)('%s breaker opens on its failure ratio', async (_kind, breaker, failuresToOpen) => {
      // Prepare
      const dep = wrapDependency('edna', { ...quiet, retry: false, timeout: { attemptMs: 1_000 }, breaker });
      // Act: one success, then failures.
      await dep.execute(async () => 'ok');
      const states: string[] = [];
      for (let i = 0; i < failuresToOpen; i++) {
        await dep.execute(scripted(transient()).fn).catch(() => undefined);
        states.push(dep.state);
      }
      // Assess
      expect(states.at(-1)).toBe('open');
      expect(states.slice(0, -1).every((s) => s === 'closed')).toBe(true);
    });

    it('opens on the slow-call rate even though every call succeeded', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: false,
        timeout: { attemptMs: 1_000 },
        breaker: { slowCall: { durationMs: 200, rateThreshold: 0.5, minimumCalls: 4, windowSize: 4 } },
      });
      const triggers: (string | undefined)[] = [];
      dep.onBreak((e) => triggers.push(e.trigger));
      const slow = () => new Promise<string>((r) => setTimeout(() => r('slow'), 300));
      // Act
      const results: string[] = [];
      await dep.execute(async () => 'fast').then((v) => results.push(v));
      await dep.execute(async () => 'fast').then((v) => results.push(v));
      for (let i = 0; i < 2; i++) {
        const p = dep.execute(slow);
        await vi.advanceTimersByTimeAsync(300);
        results.push(await p);
      }
      // Assess: the fourth call (2 of 4 slow) returned its value and opened the circuit.
      expect(results).toEqual(['fast', 'fast', 'slow', 'slow']);
      expect(dep.state).toBe('open');
      expect(triggers).toEqual(['slow-calls']);
    });

    it('isolate() holds the circuit open until disposed', async () => {
      // Prepare
      const dep = wrapDependency('edna', quiet);
      // Act
      const handle = dep.isolate();
      const refused = await dep.execute(async () => 'x').catch((e: unknown) => e);
      const during = dep.state;
      handle.dispose();
      // Assess
      expect(isDependencyDownError(refused)).toBe(true);
      expect(during).toBe('isolated');
      expect(dep.state).toBe('closed');
      await expect(dep.execute(async () => 'x')).resolves.toBe('x');
    });
  });

  describe('retry budget', () => {
    it('earns no retries in a full outage (only the floor, 0 here), and says so', async () => {
      // Prepare: 100 calls, floor 0: at most 10 retries.
      const dep = wrapDependency('edna', {
        ...quiet,
        breaker: false,
        retry: {
          maxAttempts: 3,
          backoff: { initialDelayMs: 0, maxDelayMs: 0 },
          budget: { ratio: 0.1, minRetriesPerSecond: 0 },
        },
      });
      let attempts = 0;
      const exhausted: number[] = [];
      dep.onBudgetExhausted((e) => exhausted.push(e.attempt));
      const down = async () => {
        attempts++;
        throw transient();
      };
      // Act
      const errors: unknown[] = [];
      for (let i = 0; i < 100; i++) errors.push(await dep.execute(down).catch((e: unknown) => e));
      // Assess
      expect(attempts).toBeLessThanOrEqual(110);
      expect(attempts).toBeGreaterThanOrEqual(100);
      expect(exhausted.length).toBeGreaterThan(80);
      expect(errors.every((e) => e instanceof TransientError)).toBe(true);
      expect(dep.stats().budgetExhausted).toBe(exhausted.length);
    });

    it('retries every failure of a mostly healthy dependency (10 % faults) with the default budget', async () => {
      // Prepare: a steady 20 calls/s, every tenth attempt fails.
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: { backoff: { initialDelayMs: 0, maxDelayMs: 0 } },
      });
      let attempts = 0;
      const flaky = async () => {
        if (++attempts % 10 === 0) throw transient();
        return 'ok';
      };
      // Act
      let ok = 0;
      for (let i = 0; i < 1_000; i++) {
        if ((await dep.execute(flaky).catch(() => 'failed')) === 'ok') ok++;
        await vi.advanceTimersByTimeAsync(50);
      }
      // Assess
      expect(ok).toBe(1_000);
      expect(dep.stats().budgetExhausted).toBe(0);
    });

    it('keeps the floor of minRetriesPerSecond for a quiet caller', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        breaker: false,
        retry: {
          backoff: { initialDelayMs: 0, maxDelayMs: 0 },
          budget: { ratio: 0, minRetriesPerSecond: 1, windowMs: 10_000 },
        },
      });
      // Act: one flaky call every 2 s for a minute.
      let recovered = 0;
      for (let i = 0; i < 30; i++) {
        const { fn } = scripted(transient(), 'ok');
        if ((await dep.execute(fn).catch(() => 'failed')) === 'ok#2') recovered++;
        await vi.advanceTimersByTimeAsync(2_000);
      }
      // Assess
      expect(recovered).toBe(30);
    });
  });

  describe('fallback', () => {
    it('is given the error and its classification, and its value is returned', async () => {
      // Prepare
      const seen: unknown[] = [];
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: false,
        fallback: (error, ctx) => {
          seen.push(error, ctx.classification.kind, ctx.attempts, ctx.dependency);
          return 'cached';
        },
      });
      const error = transient();
      const events: string[] = [];
      dep.onFallback((e) => events.push(e.classification.reason));
      // Act
      const result = await dep.execute(scripted(error).fn);
      // Assess
      expect(result).toBe('cached');
      expect(seen).toEqual([error, 'transient', 1, 'edna']);
      expect(events).toEqual(['server-error']);
      expect(dep.stats()).toMatchObject({ fallbacks: 1, failures: 1 });
    });

    it('also answers an open circuit (attempts: 0)', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: false,
        breaker: { threshold: 1 },
        fallback: (_e, ctx) => `fallback after ${ctx.attempts}`,
      });
      await dep.execute(scripted(transient()).fn);
      // Act + Assess
      await expect(dep.execute(async () => 'x')).resolves.toBe('fallback after 0');
    });

    it('a per-call fallback wins over the dependency-wide one', async () => {
      // Prepare
      const dep = wrapDependency('edna', { ...quiet, retry: false, fallback: () => 'wide' });
      // Act + Assess
      await expect(dep.execute(scripted(transient()).fn, { fallback: () => 'local' })).resolves.toBe('local');
    });
  });

  describe('bulkhead', () => {
    it('runs `limit` calls, queues `queue`, and refuses the rest without calling the dependency', async () => {
      // Prepare
      const dep = wrapDependency('edna', { ...quiet, bulkhead: { limit: 1, queue: 1 } });
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let reached = 0;
      const fn = async () => {
        reached++;
        await gate;
        return 'ok';
      };
      // Act
      const running = dep.execute(fn);
      const queued = dep.execute(fn);
      const refused = await dep.execute(fn).catch((e: unknown) => e);
      const reachedBefore = reached;
      release();
      // Assess
      await expect(Promise.all([running, queued])).resolves.toEqual(['ok', 'ok']);
      expect(reachedBefore).toBe(1);
      expect(refused).toMatchObject({ name: 'DependencyDownError', reason: 'bulkhead-full' });
    });

    it('ends a queued call at its deadline, before a slot frees', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        timeout: { attemptMs: 1_000, totalMs: 1_000 },
        bulkhead: { limit: 1, queue: 1 },
        breaker: false,
      });
      dep.execute(() => new Promise(() => {})).catch(() => undefined);
      let ran = false;
      // Act
      const queued = withDeadline(
        () => 300,
        () =>
          dep.execute(async () => {
            ran = true;
            return 'late';
          }),
      );
      const settled = expect(queued).rejects.toMatchObject({ reason: 'timeout' });
      await vi.advanceTimersByTimeAsync(300);
      // Assess
      await settled;
      expect(ran).toBe(false);
    });
  });

  describe('events and stats', () => {
    it('a throwing listener does not change the outcome', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: { backoff: { initialDelayMs: 1, maxDelayMs: 1 } },
      });
      dep.onRetry(() => {
        throw new Error('listener bug');
      });
      const { fn } = scripted(transient(), 'ok');
      // Act
      const result = dep.execute(fn);
      await vi.advanceTimersByTimeAsync(10);
      // Assess
      await expect(result).resolves.toBe('ok#2');
    });

    it('dispose() unsubscribes', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: { backoff: { initialDelayMs: 1, maxDelayMs: 1 } },
      });
      const seen: number[] = [];
      dep.onRetry((e) => seen.push(e.attempt)).dispose();
      // Act
      const result = dep.execute(scripted(transient(), 'ok').fn);
      await vi.advanceTimersByTimeAsync(10);
      await result;
      // Assess
      expect(seen).toEqual([]);
    });

    it('logs each event as one structured line to the given logger', async () => {
      // Prepare
      const lines: [string, Record<string, unknown>][] = [];
      const logger = {
        info: (m: string, extra: Record<string, unknown>) => lines.push([m, extra]),
        warn: (m: string, extra: Record<string, unknown>) => lines.push([m, extra]),
      };
      const dep = wrapDependency('edna', {
        logger: logger as never,
        retry: { backoff: { jitter: 'none', initialDelayMs: 100, maxDelayMs: 100 } },
      });
      // Act
      const result = dep.execute(scripted(transient(), 'ok').fn);
      await vi.advanceTimersByTimeAsync(100);
      await result;
      // Assess
      expect(lines).toEqual([
        [
          'dependency call retried',
          expect.objectContaining({
            dependency: 'edna',
            attempt: 1,
            delayMs: 100,
            kind: 'transient',
            state: 'closed',
          }),
        ],
      ]);
    });

    it('counts events as metrics with a dependency dimension', async () => {
      // Prepare
      const emitted: string[] = [];
      const metrics = {
        addMetric: (name: string) => emitted.push(`plain:${name}`),
        singleMetric: () => {
          const dims: string[] = [];
          return {
            addDimension: (k: string, v: string) => dims.push(`${k}=${v}`),
            addMetric: (name: string, unit: string, value: number) =>
              emitted.push(`${name}:${unit}:${value}:${dims}`),
          };
        },
      };
      const dep = wrapDependency('edna', { ...quiet, metrics, retry: false, breaker: { threshold: 1 } });
      // Act
      await dep.execute(scripted(transient()).fn).catch(() => undefined);
      // Assess
      expect(emitted.map((line) => line.replace(/Milliseconds:[\d.]+/, 'Milliseconds:ms'))).toEqual([
        'BreakerOpened:Count:1:dependency=edna',
        'DependencyGiveUp:Count:1:dependency=edna',
        'DependencyCallDuration:Milliseconds:ms:dependency=edna,outcome=failure',
      ]);
    });

    it('stats() counts calls, attempts, retries and refusals', async () => {
      // Prepare
      const dep = wrapDependency('edna', {
        ...quiet,
        retry: { backoff: { initialDelayMs: 1, maxDelayMs: 1 } },
        breaker: { threshold: 2 },
      });
      // Act
      const first = dep.execute(scripted(transient(), 'ok').fn);
      await vi.advanceTimersByTimeAsync(10);
      await first;
      const second = dep.execute(scripted(transient()).fn).catch(() => undefined);
      await vi.advanceTimersByTimeAsync(10);
      await second;
      await dep.execute(async () => 'x').catch(() => undefined);
      // Assess
      expect(dep.stats()).toMatchObject({
        name: 'edna',
        state: 'open',
        calls: 3,
        successes: 1,
        failures: 2,
        attempts: 4,
        retries: 2,
        rejected: 1,
        inFlight: 0,
      });
    });
  });
});
