import { isDeepStrictEqual } from 'node:util';
import { readOptions } from '@bulwark/errors';
import { readDuration } from '../options/readNumberOption.js';
import type { AssertableDependency } from './AssertableDependency.js';
import { describeError, fail, settle } from './clock.js';
import { failureMaker } from './injectedFailure.js';

/**
 * Options for {@link expectFallback}.
 *
 * @example
 * ```ts
 * import type { ExpectFallbackOptions } from '@bulwark/testing';
 * const options: ExpectFallbackOptions = { value: { orders: [] } };
 * ```
 */
export interface ExpectFallbackOptions {
  /** When given, the fallback value must deep-equal it. */
  readonly value?: unknown;
  /**
   * What each attempt throws.
   * @defaultValue a `TransientError` with status 503
   */
  readonly error?: unknown | (() => unknown);
  /**
   * How long the call may take.
   * @defaultValue 300_000
   */
  readonly withinMs?: number;
}

/**
 * Asserts that when the dependency keeps failing the call still resolves, with the fallback's value.
 *
 * @example
 * ```ts
 * import { readOptions } from '@bulwark/errors';
import { expectFallback } from '@bulwark/testing';
 * import { readOptions } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { fallback: () => ({ orders: [] }) });
 * await expectFallback(edna, { value: { orders: [] } });
 * ```
 */
export async function expectFallback(
  target: AssertableDependency,
  options: ExpectFallbackOptions = {},
): Promise<{ readonly value: unknown; readonly attempts: number }> {
  const name = 'expectFallback';
  const o = readOptions(name, options, ['value', 'error', 'withinMs']);
  const withinMs = readDuration(name, 'withinMs', o.withinMs, { fallback: 300_000 });
  const makeFailure = failureMaker(o.error);
  let attempts = 0;
  const outcome = await settle(
    target.execute(async () => {
      attempts++;
      throw makeFailure();
    }),
    withinMs,
  );
  if (outcome.status === 'pending') fail(name, `the call was still pending after ${withinMs} ms`);
  if (outcome.status === 'rejected') {
    fail(name, `the call rejected instead of falling back: ${describeError(outcome.reason)}`);
  }
  if ('value' in o && !isDeepStrictEqual(outcome.value, o.value)) {
    fail(name, `the fallback returned ${JSON.stringify(outcome.value)}, expected ${JSON.stringify(o.value)}`);
  }
  return { value: outcome.value, attempts };
}
