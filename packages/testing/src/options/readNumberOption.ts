// The kit's numeric options, read one way: a finite number within bounds, every duration at most
// MAX_TIMER_MS (Node fires a longer timer after 1 ms), errors through optionError (NaN prints as NaN).

import { MAX_TIMER_MS, optionError } from '@bulwark/errors';

/** How a numeric option is read. */
export interface NumberOptionRule {
  /** Used when the value is undefined; without it, undefined is an error. */
  readonly fallback?: number;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** Reads a duration in ms: finite, >= `min` (0 unless given), <= MAX_TIMER_MS. */
export function readDuration(
  owner: string,
  field: string,
  value: unknown,
  rule: NumberOptionRule = {},
): number {
  return readNumberOption(
    owner,
    field,
    value,
    { min: 0, ...rule, max: Math.min(rule.max ?? MAX_TIMER_MS, MAX_TIMER_MS) },
    'a number of ms',
  );
}

/** Reads a count or ratio: finite (an integer when asked), within [min, max]. */
export function readNumberOption(
  owner: string,
  field: string,
  value: unknown,
  rule: NumberOptionRule,
  kind = rule.integer === true ? 'an integer' : 'a finite number',
): number {
  const v = value === undefined ? rule.fallback : value;
  const bounds = [
    rule.min === undefined ? '' : ` >= ${rule.min}`,
    rule.max === undefined ? '' : ` <= ${rule.max}`,
  ]
    .filter(Boolean)
    .join(' and');
  const text = `${kind}${bounds}`;
  if (typeof v !== 'number' || !Number.isFinite(v) || (rule.integer === true && !Number.isInteger(v))) {
    throw optionError(owner, field, v, text);
  }
  if ((rule.min !== undefined && v < rule.min) || (rule.max !== undefined && v > rule.max)) {
    throw optionError(
      owner,
      field,
      v,
      text,
      rule.max === MAX_TIMER_MS && v > MAX_TIMER_MS ? 'Node fires a longer timer after 1 ms' : undefined,
    );
  }
  return v;
}
