import { readOptions } from '@bulwark/errors';
import { readDuration } from '../options/readNumberOption.js';
import type { AssertableDependency, AttemptContext } from './AssertableDependency.js';
import { advance, fail, settle } from './clock.js';

/**
 * Options for {@link expectTimeoutFires}.
 *
 * @example
 * ```ts
 * import type { ExpectTimeoutFiresOptions } from '@bulwark/testing';
 * const options: ExpectTimeoutFiresOptions = { withinMs: 1_000, settleWithinMs: 5_000 };
 * ```
 */
export interface ExpectTimeoutFiresOptions {
  /** The first attempt's signal must be aborted no later than this. */
  readonly withinMs: number;
  /**
   * The whole call must settle by then, although the scripted dependency ignores its signal.
   * @defaultValue 60_000
   */
  readonly settleWithinMs?: number;
}

/**
 * What {@link expectTimeoutFires} observed.
 *
 * @example
 * ```ts
 * import type { TimeoutFired } from '@bulwark/testing';
 * const seen: TimeoutFired = { abortedAfterMs: 1_000, attempts: 3, outcome: 'rejected', error: new Error('timeout') };
 * ```
 */
export interface TimeoutFired {
  readonly abortedAfterMs: number;
  readonly attempts: number;
  readonly outcome: 'fulfilled' | 'rejected';
  readonly error?: unknown;
}

/**
 * Asserts that a hung dependency is cut off: the first attempt's signal aborts within `withinMs`, and
 * the call settles (by error or fallback) within `settleWithinMs` even though the dependency never
 * answers and ignores its signal. Works with vitest fake timers (it advances them) or real time.
 *
 * @example
 * ```ts
 * import { readOptions } from '@bulwark/errors';
import { expectTimeoutFires } from '@bulwark/testing';
 * import { readOptions } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
 * vi.useFakeTimers();
 * const seen = await expectTimeoutFires(wrapDependency('edna', { timeout: { attemptMs: 1_000 } }), { withinMs: 1_000 });
 * ```
 */
export async function expectTimeoutFires(
  target: AssertableDependency,
  options: ExpectTimeoutFiresOptions,
): Promise<TimeoutFired> {
  const name = 'expectTimeoutFires';
  const o = readOptions(name, options ?? null, ['withinMs', 'settleWithinMs']);
  const withinMs = readDuration(name, 'withinMs', o.withinMs);
  const settleWithinMs = readDuration(name, 'settleWithinMs', o.settleWithinMs, { fallback: 60_000 });
  const starts: AttemptContext[] = [];
  let abortedAt: number | undefined;
  const start = Date.now();
  const call = target.execute((ctx: AttemptContext) => {
    starts.push(ctx);
    if (starts.length === 1) {
      ctx.signal.addEventListener('abort', () => {
        abortedAt = Date.now();
      });
    }
    return new Promise<never>(() => {}); // hangs, and ignores the signal
  });
  call.catch(() => undefined);
  await advance(withinMs);
  if (starts.length === 0) fail(name, 'the dependency was never called');
  if (!starts[0]!.signal.aborted || abortedAt === undefined) {
    fail(name, `the first attempt's signal was not aborted within ${withinMs} ms (no attempt timeout?)`);
  }
  const outcome = await settle(call, settleWithinMs);
  if (outcome.status === 'pending') {
    fail(
      name,
      `the call was still pending after ${settleWithinMs} ms against a dependency that never answers`,
    );
  }
  return {
    abortedAfterMs: abortedAt - start,
    attempts: starts.length,
    outcome: outcome.status,
    ...(outcome.status === 'rejected' ? { error: outcome.reason } : {}),
  };
}
