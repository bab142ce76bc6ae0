// The one reader for every numeric option: a finite number (or integer) within bounds, and every
// duration at most MAX_TIMER_MS (Node fires a longer timer after 1 ms). Errors go through optionError,
// so NaN prints as NaN and nothing but the value's description is echoed.

import { MAX_TIMER_MS, optionError } from '@bulwark/errors';

/** What a numeric option accepts. A bound given as `[value, 'field']` names the field it comes from. */
export interface NumberRule {
  readonly min?: number;
  readonly max?: number | readonly [number, string];
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  readonly integer?: boolean;
  /** A duration in ms: at most MAX_TIMER_MS, and the rule says so. */
  readonly duration?: boolean;
}

const DURATION_FIX = `Node fires a timer longer than ${MAX_TIMER_MS} ms (about 24.8 days) after 1 ms`;

/** Reads `value` (or `fallback` when undefined) as a number obeying `rule`; throws a TypeError naming `field`. */
export function readNumber(
  owner: string,
  field: string,
  value: unknown,
  fallback: number,
  rule: NumberRule,
): number {
  const v = value === undefined ? fallback : value;
  const { min, minExclusive = false, maxExclusive = false, integer = false, duration = false } = rule;
  const [max, maxField] = Array.isArray(rule.max)
    ? (rule.max as readonly [number, string])
    : [rule.max as number | undefined, undefined];
  const upper = duration ? Math.min(max ?? MAX_TIMER_MS, MAX_TIMER_MS) : max;
  const parts = [integer ? 'an integer' : duration ? 'a finite number of ms' : 'a finite number'];
  if (min !== undefined) parts.push(`${minExclusive ? '>' : '>='} ${min}`);
  if (upper !== undefined) {
    const bound = maxField !== undefined && upper === max ? `${maxField} (${upper})` : String(upper);
    parts.push(`${min === undefined ? '' : 'and '}${maxExclusive ? '<' : '<='} ${bound}`);
  }
  const text = parts.join(' ');
  // Number.isFinite is false for anything but a finite number (no coercion).
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v))) throw optionError(owner, field, v, text);
  const n = v as number;
  const lower = min ?? Number.NEGATIVE_INFINITY;
  if (minExclusive ? n <= lower : n < lower) throw optionError(owner, field, n, text);
  const top = upper ?? Number.POSITIVE_INFINITY;
  if (maxExclusive ? n >= top : n > top) {
    throw optionError(owner, field, n, text, upper === MAX_TIMER_MS && duration ? DURATION_FIX : undefined);
  }
  return n;
}
