// The retry options: attempts, the backoff curve and the retry budget, with Polly's rule that the
// worst-case sum of the waits fits in the total timeout.

import { optionError, readOptions } from '@bulwark/errors';
import { DEFAULT_DEPENDENCY_OPTIONS as D } from './defaults.js';
import type { NormalizedBackoff, NormalizedBudget } from './normalizeOptions.js';
import { readNumber } from './readNumber.js';

const RETRY_KEYS = ['maxAttempts', 'backoff', 'budget'];
const BACKOFF_KEYS = ['jitter', 'initialDelayMs', 'maxDelayMs', 'exponent'];
const BUDGET_KEYS = ['ratio', 'minRetriesPerSecond', 'windowMs'];
const JITTERS = ['decorrelated', 'full', 'none'];

/** The checked retry settings. */
export interface NormalizedRetry {
  readonly maxAttempts: number;
  readonly backoff: NormalizedBackoff;
  readonly budget: NormalizedBudget | undefined;
}

/** Reads `options.retry` (`false`: one attempt); `totalMs` bounds the summed backoff. */
export function normalizeRetry(owner: string, value: unknown, totalMs: number): NormalizedRetry {
  if (value !== undefined && value !== false && (typeof value !== 'object' || value === null)) {
    throw optionError(owner, 'retry', value, 'an object or false');
  }
  const r =
    value === false
      ? readOptions(owner, { maxAttempts: 1 }, RETRY_KEYS)
      : readOptions(owner, value, RETRY_KEYS, 'retry');
  const maxAttempts = readNumber(owner, 'retry.maxAttempts', r.maxAttempts, D.retry.maxAttempts, {
    min: 1,
    max: 10,
    integer: true,
  });
  // readOptions refuses a backoff that is not an object (null included): `retry.backoff must be an object`.
  const b = readOptions(owner, r.backoff, BACKOFF_KEYS, 'retry.backoff');
  const jitter = b.jitter ?? D.retry.backoff.jitter;
  if (!JITTERS.includes(jitter as string)) {
    throw optionError(owner, 'retry.backoff.jitter', jitter, "'decorrelated', 'full' or 'none'");
  }
  const initialDelayMs = readNumber(
    owner,
    'retry.backoff.initialDelayMs',
    b.initialDelayMs,
    D.retry.backoff.initialDelayMs,
    { min: 0, duration: true },
  );
  const maxDelayMs = readNumber(owner, 'retry.backoff.maxDelayMs', b.maxDelayMs, D.retry.backoff.maxDelayMs, {
    min: 0,
    duration: true,
  });
  if (initialDelayMs > maxDelayMs) {
    throw optionError(
      owner,
      'retry.backoff.initialDelayMs',
      initialDelayMs,
      `<= retry.backoff.maxDelayMs (${maxDelayMs})`,
    );
  }
  const backoff: NormalizedBackoff = {
    jitter: jitter as NormalizedBackoff['jitter'],
    initialDelayMs,
    maxDelayMs,
    exponent: readNumber(owner, 'retry.backoff.exponent', b.exponent, D.retry.backoff.exponent, {
      min: 1,
      max: 100,
    }),
  };
  // Polly's rule: the worst-case sum of the delays (before jitter) must fit in the total timeout.
  let worstDelays = 0;
  for (let i = 0; i < maxAttempts - 1; i++) {
    worstDelays += Math.min(backoff.maxDelayMs, backoff.initialDelayMs * backoff.exponent ** i);
  }
  if (worstDelays >= totalMs) {
    throw optionError(
      owner,
      'retry.maxAttempts',
      maxAttempts,
      `few enough that the summed backoff (${Math.round(worstDelays)} ms over ${maxAttempts - 1} waits, from retry.backoff) is < timeout.totalMs (${totalMs})`,
      'lower retry.maxAttempts or retry.backoff.maxDelayMs, or raise timeout.totalMs',
    );
  }
  return { maxAttempts, backoff, budget: normalizeBudget(owner, r.budget, maxAttempts) };
}

function normalizeBudget(owner: string, value: unknown, maxAttempts: number): NormalizedBudget | undefined {
  if (value !== undefined && value !== false && (typeof value !== 'object' || value === null)) {
    throw optionError(owner, 'retry.budget', value, 'an object or false');
  }
  if (value === false) return undefined;
  const g = readOptions(owner, value, BUDGET_KEYS, 'retry.budget');
  const budget: NormalizedBudget = {
    ratio: readNumber(owner, 'retry.budget.ratio', g.ratio, D.retry.budget.ratio, { min: 0, max: 1_000 }),
    minRetriesPerSecond: readNumber(
      owner,
      'retry.budget.minRetriesPerSecond',
      g.minRetriesPerSecond,
      D.retry.budget.minRetriesPerSecond,
      { min: 0, max: 1_000_000 },
    ),
    windowMs: readNumber(owner, 'retry.budget.windowMs', g.windowMs, D.retry.budget.windowMs, {
      min: 1_000,
      duration: true,
    }),
  };
  // Checked even when one attempt makes the budget moot, so a typo never waits for maxAttempts to change.
  return maxAttempts > 1 ? budget : undefined;
}
