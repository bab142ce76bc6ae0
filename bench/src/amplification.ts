// Amplification in simulated time for the policies benchmark: attempts reaching the dependency per logical
// call, and the success rate, for naive retry, cockatiel retry + breaker and wrapDependency with the same
// settings (3 retries, consecutive breaker of 5, 5 s half-open). A virtual clock is patched into
// Date.now/setTimeout, so backoff and half-open waits cost nothing.

import { TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { mulberry32 } from '@bulwark/testing';
import { ConsecutiveBreaker, circuitBreaker, ExponentialBackoff, handleWhen, retry, wrap } from 'cockatiel';
import { VirtualClock } from './virtualClock.js';

type Caller = (fn: () => Promise<number>) => Promise<unknown>;

/** One way of calling a dependency, built fresh per simulation. */
export interface Contender {
  readonly name: string;
  make(): Caller;
}

const RETRIES = 3;
const transientOnly = (e: unknown) => e instanceof TransientError;
/**
 * The callers compared, each with 3 retries.
 *
 * @example
 * ```ts
 * for (const c of contenders) console.log(c.name, await simulate(c, 1_000, 0.1, 7));
 * ```
 */
export const contenders: Contender[] = [
  {
    name: 'naive retry (3 retries, no backoff)',
    make: () => async (fn) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await fn();
        } catch (error) {
          if (attempt > RETRIES) throw error;
        }
      }
    },
  },
  {
    name: 'cockatiel retry + breaker',
    make: () => {
      const policy = wrap(
        retry(handleWhen(transientOnly), {
          maxAttempts: RETRIES,
          backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 5_000 }),
        }),
        circuitBreaker(handleWhen(transientOnly), {
          halfOpenAfter: 5_000,
          breaker: new ConsecutiveBreaker(5),
        }),
      );
      return (fn) => policy.execute(fn);
    },
  },
  {
    name: 'wrapDependency (defaults, 4 attempts)',
    make: () => {
      const dep = wrapDependency('sim', { logger: false, retry: { maxAttempts: RETRIES + 1 } });
      return (fn) => dep.execute(fn);
    },
  },
  {
    name: 'wrapDependency, budget only (no breaker)',
    make: () => {
      const dep = wrapDependency('sim', {
        logger: false,
        retry: { maxAttempts: RETRIES + 1 },
        breaker: false,
      });
      return (fn) => dep.execute(fn);
    },
  },
];

/**
 * Runs `calls` logical calls at 20 per simulated second against a dependency failing at `failRate`.
 *
 * @example
 * ```ts
 * const { attemptsPerCall, successRate } = await simulate(contenders[0]!, 1_000, 1, 1);
 * ```
 */
export async function simulate(contender: Contender, calls: number, failRate: number, seed: number) {
  const clock = new VirtualClock();
  const uninstall = clock.install();
  try {
    const call = contender.make();
    const random = mulberry32(seed);
    let attempts = 0;
    let ok = 0;
    const dependency = async (): Promise<number> => {
      attempts++;
      if (random() < failRate) throw new TransientError('injected 503', { status: 503 });
      return 1;
    };
    // 20 calls per simulated second, each started on its own timer.
    for (let i = 0; i < calls; i++) {
      clock.schedule(() => {
        call(dependency).then(
          () => ok++,
          () => undefined,
        );
      }, i * 50);
    }
    await clock.run();
    return {
      attemptsPerCall: attempts / calls,
      successRate: ok / calls,
      simulatedSeconds: (calls * 50) / 1000,
    };
  } finally {
    uninstall();
  }
}
