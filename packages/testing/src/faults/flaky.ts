import { readOptions } from '@bulwark/errors';
import { type FaultHandler, type FaultUrl, faultHandler } from './FaultHandler.js';
import { assertFaultStep, describe, type FaultStep, playStep } from './FaultStep.js';
import { mulberry32 } from './mulberry32.js';

/**
 * Options of {@link flaky}.
 *
 * @example
 * ```ts
 * const options: FlakyOptions = { rate: 0.3, seed: 7, fault: 503 };
 * ```
 */
export interface FlakyOptions {
  /** Share of requests that get `fault`, 0-1. */
  readonly rate: number;
  /** Seed of the deterministic generator (an integer): the same seed fails the same requests. */
  readonly seed: number;
  /** What a failing request gets. */
  readonly fault: FaultStep;
  /** What the other requests get. @defaultValue 200 */
  readonly ok?: FaultStep;
}

/**
 * A deterministic mix of failures and successes: each request fails with probability `rate`, drawn
 * from a seeded generator (mulberry32), so every run fails the same requests.
 *
 * @example
 * ```ts
 * server.use(faults.flaky('https://edna.test/*', { rate: 0.2, seed: 42, fault: 'network-error' }));
 * ```
 */
export function flaky(url: FaultUrl, options: FlakyOptions): FaultHandler {
  const {
    rate,
    seed,
    fault,
    ok = 200,
  } = readOptions('faults.flaky', options ?? null, ['rate', 'seed', 'fault', 'ok']);
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
    throw new TypeError(`faults.flaky: rate must be a number from 0 to 1, got ${describe(rate)}`);
  }
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new TypeError(`faults.flaky: seed must be an integer, got ${describe(seed)}`);
  }
  assertFaultStep(fault, 'faults.flaky: fault');
  assertFaultStep(ok, 'faults.flaky: ok');
  const next = mulberry32(seed);
  return faultHandler(url, (request) =>
    next() < rate
      ? playStep(fault, request, 'faults.flaky: fault')
      : playStep(ok, request, 'faults.flaky: ok'),
  );
}
