// A malformed rule fails at construction, naming its index and the field, never at 3 a.m. on the
// first error it was meant to catch.

import { ErrorKind, FailureReason } from '../Classification.js';
import { describeValue as describe } from '../describeValue.js';
import { nearestName } from '../options/nearestName.js';
import { MAX_TIMER_MS } from '../options/optionError.js';
import type { ClassifierRule } from './ClassifierRule.js';

const KINDS = new Set<unknown>(Object.values(ErrorKind));
const REASONS = new Set<unknown>(Object.values(FailureReason));
const FIELD_NAMES = [
  'name',
  'match',
  'kind',
  'reason',
  'retryAfterMs',
  'httpStatus',
  'countsTowardBreaker',
  'code',
];
const FIELDS = new Set(FIELD_NAMES);

/** Throws a TypeError for the first malformed rule: `rules[2].kind must be one of ..., got "transiant"`. */
export function validateRules(rules: unknown): readonly ClassifierRule[] {
  if (!Array.isArray(rules)) {
    throw new TypeError(`createClassifier: rules must be an array of rules, got ${describe(rules)}`);
  }
  rules.forEach((rule: unknown, index) => {
    validateRule(rule, index);
  });
  return [...(rules as ClassifierRule[])];
}

function validateRule(rule: unknown, index: number): void {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
    throw new TypeError(`createClassifier: rules[${index}] must be an object, got ${describe(rule)}`);
  }
  const r = rule as Record<string, unknown>;
  const label = typeof r.name === 'string' ? `rules[${index}] (${describe(r.name)})` : `rules[${index}]`;
  const fail = (field: string, expected: string, value: unknown): never => {
    throw new TypeError(`createClassifier: ${label}.${field} must be ${expected}, got ${describe(value)}`);
  };
  for (const key of Object.keys(r)) {
    if (!FIELDS.has(key)) {
      const near = nearestName(key, FIELD_NAMES);
      throw new TypeError(
        `createClassifier: ${label} has an unknown field ${describe(key)}${near === undefined ? '' : `; did you mean "${near}"?`} (known: ${FIELD_NAMES.join(', ')})`,
      );
    }
  }
  if (r.name !== undefined && typeof r.name !== 'string') fail('name', 'a string', r.name);
  if (typeof r.match !== 'function') fail('match', 'a function (error) => boolean', r.match);
  if (!KINDS.has(r.kind))
    fail('kind', `one of ${[...KINDS].map((k) => `"${String(k)}"`).join(', ')}`, r.kind);
  if (r.reason !== undefined && !REASONS.has(r.reason))
    fail('reason', 'one of the FailureReason values', r.reason);
  if (
    r.retryAfterMs !== undefined &&
    typeof r.retryAfterMs !== 'function' &&
    (typeof r.retryAfterMs !== 'number' ||
      !Number.isFinite(r.retryAfterMs) ||
      r.retryAfterMs < 0 ||
      r.retryAfterMs > MAX_TIMER_MS)
  ) {
    fail('retryAfterMs', `a number of ms from 0 to ${MAX_TIMER_MS}, or a function`, r.retryAfterMs);
  }
  if (r.httpStatus !== undefined) {
    const s = r.httpStatus;
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 400 || s > 599) {
      fail('httpStatus', 'an integer from 400 to 599', s);
    }
    if (s === 401 || s === 403) {
      fail(
        'httpStatus',
        "a status other than 401/403 (a dependency refusing us is not our caller's auth failure)",
        s,
      );
    }
  }
  if (r.countsTowardBreaker !== undefined && typeof r.countsTowardBreaker !== 'boolean') {
    fail('countsTowardBreaker', 'a boolean', r.countsTowardBreaker);
  }
  if (r.code !== undefined && typeof r.code !== 'string' && typeof r.code !== 'function') {
    fail('code', 'a string or a function', r.code);
  }
}
