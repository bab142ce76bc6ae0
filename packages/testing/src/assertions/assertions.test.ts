// Each assertion passes on a dependency that has the behaviour and FAILS on one that lacks it. The
// dependencies here are hand-rolled on purpose: @bulwark/testing must not import @bulwark/policies
// (test/policies/ runs the same assertions against the real wrapDependency).
import { DependencyDownError, PermanentError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssertableDependency, AttemptContext } from './AssertableDependency.js';
import { expectBreakerOpens } from './expectBreakerOpens.js';
import { expectFallback } from './expectFallback.js';
import { expectHalfOpenProbe } from './expectHalfOpenProbe.js';
import { expectRetryExhaustion } from './expectRetryExhaustion.js';
import { expectTimeoutFires } from './expectTimeoutFires.js';

type Fn<T> = (context: AttemptContext) => Promise<T>;

/** No timeout, no retry, no breaker, no fallback: every assertion must fail on it. */
const naive: AssertableDependency = {
  execute: <T>(fn: Fn<T>) => fn({ signal: new AbortController().signal, attempt: 1 }),
};

function withTimeout(ms: number): AssertableDependency {
  return {
    execute: <T>(fn: Fn<T>) =>
      new Promise<T>((resolve, reject) => {
        const controller = new AbortController();
        const timer = setTimeout(() => {
          controller.abort();
          reject(new Error('timed out'));
        }, ms);
        fn({ signal: controller.signal, attempt: 1 }).then(
          (v) => {
            clearTimeout(timer);
            resolve(v);
          },
          (e: unknown) => {
            clearTimeout(timer);
            reject(e);
          },
        );
      }),
  };
}

function withRetry(attempts: number): AssertableDependency {
  return {
    async execute<T>(fn: Fn<T>) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await fn({ signal: new AbortController().signal, attempt });
        } catch (error) {
          if (attempt >= attempts) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
  };
}

function withBreaker(threshold: number, halfOpenAfterMs: number): AssertableDependency & { state: string } {
  let failures = 0;
  let openedAt = 0;
  let probing = false;
  const dep = {
    state: 'closed',
    async execute<T>(fn: Fn<T>) {
      if (dep.state === 'open') {
        if (Date.now() - openedAt < halfOpenAfterMs || probing) throw new DependencyDownError('open');
        probing = true;
      }
      try {
        const v = await fn({ signal: new AbortController().signal, attempt: 1 });
        failures = 0;
        dep.state = 'closed';
        return v;
      } catch (error) {
        if (++failures >= threshold) {
          dep.state = 'open';
          openedAt = Date.now();
        }
        throw error;
      } finally {
        probing = false;
      }
    },
  };
  return dep;
}

function withFallback(value: unknown): AssertableDependency {
  return {
    execute: <T>(fn: Fn<T>) => fn({ signal: new AbortController().signal, attempt: 1 }).catch(() => value),
  };
}

describe('failure-mode assertions (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('expectTimeoutFires', () => {
    it('passes when the attempt is aborted in time and the call settles', async () => {
      // Act
      const seen = await expectTimeoutFires(withTimeout(1_000), { withinMs: 1_000 });
      // Assess
      expect(seen).toMatchObject({ abortedAfterMs: 1_000, attempts: 1, outcome: 'rejected' });
    });

    it('fails on a dependency without a timeout', async () => {
      // Act + Assess
      await expect(expectTimeoutFires(naive, { withinMs: 1_000 })).rejects.toThrow(
        /expectTimeoutFires: the first attempt's signal was not aborted within 1000 ms/,
      );
    });

    it('fails when the timeout is later than withinMs', async () => {
      // Act + Assess
      await expect(expectTimeoutFires(withTimeout(2_000), { withinMs: 1_000 })).rejects.toThrow(
        /not aborted/,
      );
    });
  });

  describe('expectRetryExhaustion', () => {
    it('passes on exactly `attempts` attempts then a rejection', async () => {
      // Act
      const seen = await expectRetryExhaustion(withRetry(3), { attempts: 3 });
      // Assess
      expect(seen.attempts).toBe(3);
    });

    it.each([
      ['no retry', naive, /expected 3 attempts, the dependency was called 1 times/],
      ['too many retries', withRetry(5), /expected 3 attempts, the dependency was called 5 times/],
      ['a fallback that hides the failure', withFallback('x'), /the call resolved \(a fallback\?\)/],
    ])('fails on %s', async (_label, target, message) => {
      // Act + Assess
      await expect(expectRetryExhaustion(target, { attempts: 3 })).rejects.toThrow(message);
    });
  });

  describe('expectBreakerOpens', () => {
    it('passes when the circuit opens after N failures', async () => {
      // Act
      const seen = await expectBreakerOpens(withBreaker(3, 1_000), { afterFailures: 3 });
      // Assess
      expect(seen.failures).toBe(3);
      expect(seen.rejection).toBeInstanceOf(DependencyDownError);
    });

    it.each([
      ['no breaker', naive, /the dependency was called again after 3 failures: the circuit did not open/],
      [
        'a breaker that opens early',
        withBreaker(2, 1_000),
        /the circuit opened early: after 2 failures, expected 3/,
      ],
      ['a breaker that opens late', withBreaker(5, 1_000), /the circuit did not open/],
    ])('fails on %s', async (_label, target, message) => {
      // Act + Assess
      await expect(expectBreakerOpens(target, { afterFailures: 3 })).rejects.toThrow(message);
    });

    it('fails when the refusal is not a dependency-down error', async () => {
      // Prepare: "refuses" with a 400-like error.
      let calls = 0;
      const odd: AssertableDependency = {
        async execute<T>(fn: Fn<T>) {
          if (++calls > 3) throw new PermanentError('no');
          return fn({ signal: new AbortController().signal, attempt: 1 });
        },
      };
      // Act + Assess
      await expect(expectBreakerOpens(odd, { afterFailures: 3 })).rejects.toThrow(
        /classifies as 'permanent'/,
      );
    });
  });

  describe('expectHalfOpenProbe', () => {
    it('passes when one probe goes through after halfOpenAfterMs and closes the circuit', async () => {
      // Prepare
      const dep = withBreaker(2, 5_000);
      await expectBreakerOpens(dep, { afterFailures: 2 });
      // Act
      const seen = await expectHalfOpenProbe(dep, { halfOpenAfterMs: 5_000 });
      // Assess
      expect(seen.probes).toBe(1);
    });

    it('fails on a circuit that never opened (no breaker)', async () => {
      // Act + Assess
      await expect(expectHalfOpenProbe(naive, { halfOpenAfterMs: 5_000 })).rejects.toThrow(
        /the dependency was called while the circuit should be open/,
      );
    });

    it('fails when the circuit half-opens earlier than halfOpenAfterMs', async () => {
      // Prepare
      const dep = withBreaker(2, 1_000);
      await expectBreakerOpens(dep, { afterFailures: 2 });
      // Act + Assess
      await expect(expectHalfOpenProbe(dep, { halfOpenAfterMs: 5_000 })).rejects.toThrow(
        /before halfOpenAfterMs/,
      );
    });

    it('fails when more probes than allowed reach the dependency', async () => {
      // Prepare: a breaker that lets every call through once due.
      let openedAt = Date.now();
      const leaky: AssertableDependency = {
        async execute<T>(fn: Fn<T>) {
          if (Date.now() - openedAt < 1_000) throw new DependencyDownError('open');
          return fn({ signal: new AbortController().signal, attempt: 1 });
        },
      };
      openedAt = Date.now();
      // Act + Assess
      await expect(expectHalfOpenProbe(leaky, { halfOpenAfterMs: 1_000 })).rejects.toThrow(
        /2 calls reached the half-open dependency, expected 1/,
      );
    });
  });

  describe('expectFallback', () => {
    it('passes when the call resolves with the fallback value', async () => {
      // Act
      const seen = await expectFallback(withFallback({ orders: [] }), { value: { orders: [] } });
      // Assess
      expect(seen.value).toEqual({ orders: [] });
    });

    it('fails on a dependency without fallback', async () => {
      // Act + Assess
      await expect(expectFallback(naive)).rejects.toThrow(/rejected instead of falling back: TransientError/);
    });

    it('fails when the fallback value differs', async () => {
      // Act + Assess
      await expect(expectFallback(withFallback('stale'), { value: 'fresh' })).rejects.toThrow(
        /returned "stale", expected "fresh"/,
      );
    });
  });
});

describe('failure-mode assertions (real time)', () => {
  it('expectTimeoutFires works without fake timers too', async () => {
    // Act
    const seen = await expectTimeoutFires(withTimeout(20), { withinMs: 40, settleWithinMs: 200 });
    // Assess
    expect(seen.abortedAfterMs).toBeGreaterThanOrEqual(15);
  });
});
