import { classify, readOptions } from '@bulwark/errors';
import { readDuration, readNumberOption } from '../options/readNumberOption.js';
import type { AssertableDependency } from './AssertableDependency.js';
import { describeError, fail, settle } from './clock.js';
import { failureMaker } from './injectedFailure.js';

/**
 * Options for {@link expectBreakerOpens}.
 *
 * @example
 * ```ts
 * import type { ExpectBreakerOpensOptions } from '@bulwark/testing';
 * const options: ExpectBreakerOpensOptions = { afterFailures: 5 };
 * ```
 */
export interface ExpectBreakerOpensOptions {
  /** Failures reaching the dependency after which the circuit must be open (and not before). */
  readonly afterFailures: number;
  /**
   * What each attempt throws.
   * @defaultValue a `TransientError` with status 503
   */
  readonly error?: unknown | (() => unknown);
  /**
   * How long each call may take.
   * @defaultValue 300_000
   */
  readonly withinMs?: number;
}

/**
 * Asserts that after `afterFailures` failures reach the dependency (and not before), the next call is
 * refused without calling it, with an error `classify()` calls dependency-down, and `state` (if the
 * target has one) is `'open'`.
 *
 * @example
 * ```ts
 * import { readOptions } from '@bulwark/errors';
import { expectBreakerOpens } from '@bulwark/testing';
 * import { readOptions } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { retry: false, breaker: { threshold: 5 } });
 * const { rejection } = await expectBreakerOpens(edna, { afterFailures: 5 });
 * ```
 */
export async function expectBreakerOpens(
  target: AssertableDependency,
  options: ExpectBreakerOpensOptions,
): Promise<{ readonly failures: number; readonly rejection: unknown }> {
  const name = 'expectBreakerOpens';
  const o = readOptions(name, options ?? null, ['afterFailures', 'error', 'withinMs']);
  const afterFailures = readNumberOption(name, 'afterFailures', o.afterFailures, {
    min: 1,
    max: 1_000_000,
    integer: true,
  });
  const withinMs = readDuration(name, 'withinMs', o.withinMs, { fallback: 300_000 });
  const makeFailure = failureMaker(o.error);
  let failures = 0;
  const failing = async (): Promise<never> => {
    failures++;
    throw makeFailure();
  };
  while (failures < afterFailures) {
    const before = failures;
    const outcome = await settle(target.execute(failing), withinMs);
    if (outcome.status === 'pending') fail(name, `a failing call was still pending after ${withinMs} ms`);
    if (failures === before) {
      fail(name, `the circuit opened early: after ${failures} failures, expected ${afterFailures}`);
    }
  }
  let reached = false;
  const outcome = await settle(
    target.execute(async () => {
      reached = true;
      return 'reached';
    }),
    withinMs,
  );
  if (reached)
    fail(name, `the dependency was called again after ${failures} failures: the circuit did not open`);
  if (outcome.status !== 'rejected')
    fail(name, `the call after ${failures} failures was not refused (${outcome.status})`);
  const kind = classify(outcome.reason).kind;
  if (kind !== 'dependency-down') {
    fail(
      name,
      `the refusal classifies as '${kind}', not 'dependency-down' (${describeError(outcome.reason)})`,
    );
  }
  if (target.state !== undefined && target.state !== 'open')
    fail(name, `state is '${target.state}', not 'open'`);
  return { failures, rejection: outcome.reason };
}
