import { readOptions } from '@bulwark/errors';
import { readDuration, readNumberOption } from '../options/readNumberOption.js';
import type { AssertableDependency } from './AssertableDependency.js';
import { advance, describeError, fail, settle } from './clock.js';

/**
 * Options for {@link expectHalfOpenProbe}.
 *
 * @example
 * ```ts
 * import type { ExpectHalfOpenProbeOptions } from '@bulwark/testing';
 * const options: ExpectHalfOpenProbeOptions = { halfOpenAfterMs: 5_000, probes: 1 };
 * ```
 */
export interface ExpectHalfOpenProbeOptions {
  /** How long after it opened the circuit lets probes through. */
  readonly halfOpenAfterMs: number;
  /**
   * How many concurrent probes must be let through (one more is tried and must be held back).
   * @defaultValue 1
   */
  readonly probes?: number;
}

/**
 * Asserts the recovery of an OPEN circuit (call it right after the circuit opened, e.g. after
 * {@link expectBreakerOpens}, with no time passed): nothing reaches the dependency before
 * `halfOpenAfterMs`; then exactly `probes` concurrent calls do while one more is held back; when the
 * probes succeed they return their value, the circuit closes (`state` `'closed'` if the target has one)
 * and the next call goes through.
 *
 * @example
 * ```ts
 * import { readOptions } from '@bulwark/errors';
import { expectBreakerOpens, expectHalfOpenProbe } from '@bulwark/testing';
 * import { readOptions } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { retry: false, breaker: { threshold: 3, halfOpenAfterMs: 5_000 } });
 * await expectBreakerOpens(edna, { afterFailures: 3 });
 * await expectHalfOpenProbe(edna, { halfOpenAfterMs: 5_000 });
 * ```
 */
export async function expectHalfOpenProbe(
  target: AssertableDependency,
  options: ExpectHalfOpenProbeOptions,
): Promise<{ readonly probes: number }> {
  const name = 'expectHalfOpenProbe';
  const o = readOptions(name, options ?? null, ['halfOpenAfterMs', 'probes']);
  const halfOpenAfterMs = readDuration(name, 'halfOpenAfterMs', o.halfOpenAfterMs);
  const probes = readNumberOption(name, 'probes', o.probes, {
    fallback: 1,
    min: 1,
    max: 1_000,
    integer: true,
  });
  let early = false;
  const tooSoon = await settle(
    target.execute(async () => {
      early = true;
      return 'reached';
    }),
    0,
  );
  if (early) fail(name, 'the dependency was called while the circuit should be open (is it open?)');
  if (tooSoon.status === 'fulfilled') fail(name, 'a call succeeded while the circuit should be open');
  await advance(Math.max(0, halfOpenAfterMs - 1));
  let beforeDue = false;
  const stillOpen = target.execute(async () => {
    beforeDue = true;
    return 'reached';
  });
  stillOpen.catch(() => undefined);
  await advance(0);
  if (beforeDue)
    fail(
      name,
      `a call reached the dependency ${halfOpenAfterMs - 1} ms after opening, before halfOpenAfterMs`,
    );
  await advance(1);

  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let reached = 0;
  const probe = async (): Promise<string> => {
    reached++;
    await gate;
    return 'probe-ok';
  };
  const calls = Array.from({ length: probes + 1 }, () => target.execute(probe));
  for (const c of calls) c.catch(() => undefined);
  await advance(0);
  if (reached !== probes) fail(name, `${reached} calls reached the half-open dependency, expected ${probes}`);
  release();
  const outcomes = await Promise.all(calls.map((c) => settle(c, 60_000)));
  const probeResults = outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'probe-ok').length;
  if (probeResults < probes) {
    const failed = outcomes.find((o) => o.status === 'rejected');
    const why = failed?.status === 'rejected' ? describeError(failed.reason) : 'no value';
    fail(name, `only ${probeResults} of ${probes} probes returned their value (${why})`);
  }
  if (target.state !== undefined && target.state !== 'closed') {
    fail(name, `state is '${target.state}' after successful probes, not 'closed'`);
  }
  let after = false;
  await settle(
    target.execute(async () => {
      after = true;
      return 'ok';
    }),
    60_000,
  );
  if (!after) fail(name, 'the call after successful probes did not reach the dependency');
  return { probes: reached };
}
