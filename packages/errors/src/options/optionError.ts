// One format for every option error in every package, so users learn to read it once.

import { describeValue } from '../describeValue.js';

/**
 * The longest delay Node's timers honour (2^31 - 1 ms, about 24.8 days). A longer one fires after 1 ms
 * with a TimeoutOverflowWarning, so every duration option is checked against it.
 *
 * @example
 * ```ts
 * import { MAX_TIMER_MS } from '@bulwark/errors';
 * if (ms > MAX_TIMER_MS) throw new TypeError('too long');
 * ```
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Builds the TypeError for a bad option: `${owner}: ${field} must be ${rule}, got ${value}` and, when
 * given, `; ${fix}`. The value is described by {@link describeValue}, never printed whole.
 *
 * @param owner - who refused it, as the user called it: `wrapDependency('edna')`, `sqsHandler`.
 * @param field - the option's path: `timeout.attemptMs`.
 * @param value - what was given.
 * @param rule - what is accepted: `an integer between 1 and 2147483647`.
 * @param fix - optional advice: `use breaker.threshold with kind 'consecutive'`.
 *
 * @example
 * ```ts
 * import { optionError } from '@bulwark/errors';
 * throw optionError("wrapDependency('edna')", 'timeout.attemptMs', Number.NaN, 'a finite number of ms');
 * // TypeError: wrapDependency('edna'): timeout.attemptMs must be a finite number of ms, got NaN
 * ```
 */
export function optionError(
  owner: string,
  field: string,
  value: unknown,
  rule: string,
  fix?: string,
): TypeError {
  const advice = fix === undefined || fix === '' ? '' : `; ${fix}`;
  return new TypeError(`${owner}: ${field} must be ${rule}, got ${describeValue(value)}${advice}`);
}
