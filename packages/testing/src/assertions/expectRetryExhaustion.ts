import { readOptions } from '@bulwark/errors';
import { readDuration, readNumberOption } from '../options/readNumberOption.js';
import type { AssertableDependency } from './AssertableDependency.js';
import { describeError, fail, settle } from './clock.js';
import { failureMaker } from './injectedFailure.js';

/**
 * Options for {@link expectRetryExhaustion}.
 *
 * @example
 * ```ts
 * import type { ExpectRetryExhaustionOptions } from '@bulwark/testing';
 * const options: ExpectRetryExhaustionOptions = { attempts: 3 };
 * ```
 */
export interface ExpectRetryExhaustionOptions {
  /** The exact number of attempts that must reach the dependency. */
  readonly attempts: number;
  /**
   * What each attempt throws (a fresh one per attempt when a function).
   * @defaultValue a `TransientError` with status 503
   */
  readonly error?: unknown | (() => unknown);
  /**
   * How long the call may take to give up.
   * @defaultValue 300_000
   */
  readonly withinMs?: number;
}

/**
 * Asserts that a failing dependency is tried exactly `attempts` times and then the call rejects (no
 * endless retry, no silent success).
 *
 * @example
 * ```ts
 * import { readOptions } from '@bulwark/errors';
import { expectRetryExhaustion } from '@bulwark/testing';
 * import { readOptions } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
 * const { error } = await expectRetryExhaustion(wrapDependency('edna', { retry: { maxAttempts: 3 } }), { attempts: 3 });
 * ```
 */
export async function expectRetryExhaustion(
  target: AssertableDependency,
  options: ExpectRetryExhaustionOptions,
): Promise<{ readonly attempts: number; readonly error: unknown }> {
  const name = 'expectRetryExhaustion';
  const o = readOptions(name, options ?? null, ['attempts', 'error', 'withinMs']);
  const expected = readNumberOption(name, 'attempts', o.attempts, { min: 1, max: 1_000_000, integer: true });
  const withinMs = readDuration(name, 'withinMs', o.withinMs, { fallback: 300_000 });
  const makeFailure = failureMaker(o.error);
  let attempts = 0;
  const call = target.execute(async () => {
    attempts++;
    throw makeFailure();
  });
  const outcome = await settle(call, withinMs);
  if (outcome.status === 'pending')
    fail(name, `the call was still retrying after ${withinMs} ms (${attempts} attempts)`);
  if (outcome.status === 'fulfilled')
    fail(name, `the call resolved (a fallback?) after ${attempts} attempts`);
  if (attempts !== expected) {
    fail(
      name,
      `expected ${expected} attempts, the dependency was called ${attempts} times (${describeError(outcome.reason)})`,
    );
  }
  return { attempts, error: outcome.reason };
}
