// Heap after many successful calls (goal: flat) and timers left referenced after calls settle (goal: 0),
// for the policies benchmark.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import type { BenchSize } from '../harness.js';

const bare = async (): Promise<number> => 1;
const swallow = (): number => 0;

function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Heap checkpoints over 100k (tiny) or 1M (full) calls, and the Timeout handles left after calls settle.
 *
 * @example
 * ```ts
 * const { checkpoints, timersLeft } = await heapAndTimers('tiny');
 * ```
 */
export async function heapAndTimers(size: BenchSize) {
  const gc = gcFunction();
  const total = size === 'full' ? 1_000_000 : 100_000;
  const dep = wrapDependency('heap', { logger: false });
  const checkpoints: [number, number][] = [];
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  for (let i = 1; i <= total; i++) {
    await dep.execute(bare);
    if (i === total / 10 || i === total) checkpoints.push([i, heap()]);
  }
  const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const quick = wrapDependency('timers', {
    logger: false,
    timeout: { attemptMs: 20, totalMs: 200 },
    retry: { backoff: { initialDelayMs: 1, maxDelayMs: 2 } },
  });
  await quick.execute(bare);
  let n = 0;
  await quick.execute(async () => {
    if (++n < 3) throw new TransientError('503');
    return 1;
  });
  // The attempt timer is unref'd (it must not hold a Lambda sandbox or a CLI open); keep this process
  // alive while a hung attempt waits for it, as real I/O would.
  const keepAlive = setInterval(() => undefined, 1_000);
  await quick.execute(() => new Promise<number>(() => {})).catch(swallow);
  clearInterval(keepAlive);
  const timersAfter = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  return { total, checkpoints, timersLeft: timersAfter - timersBefore };
}
