// The options of createClassifier, their documented defaults, and the validated internal form.

import { MAX_TIMER_MS, optionError } from '../options/optionError.js';
import { readOptions } from '../options/readOptions.js';
import { MAX_RETRY_AFTER_MS } from '../retryAfter/parseRetryAfter.js';
import { DEFAULT_MAX_DEPTH } from './walkChain.js';

/**
 * Options for {@link createClassifier}.
 *
 * @example
 * ```ts
 * import { createClassifier } from '@bulwark/errors';
 * const classify = createClassifier([], { maxRetryAfterMs: 30_000, maxDepth: 4 });
 * ```
 */
export interface ClassifierOptions {
  /**
   * The longest `Retry-After` (or rule-given wait) honoured, in ms; longer values are clamped to it.
   * @defaultValue 120_000 (two minutes)
   */
  readonly maxRetryAfterMs?: number;
  /**
   * How many `cause` links deep to look (the error itself is depth 0).
   * @defaultValue 8
   */
  readonly maxDepth?: number;
  /**
   * The clock used to turn a `Retry-After` HTTP-date into a wait. Inject one in tests.
   * @defaultValue `Date.now`
   */
  readonly now?: () => number;
}

/**
 * The defaults {@link createClassifier} spreads your options over.
 *
 * @example
 * ```ts
 * import { DEFAULT_CLASSIFIER_OPTIONS, createClassifier } from '@bulwark/errors';
 * const classify = createClassifier([], { maxRetryAfterMs: DEFAULT_CLASSIFIER_OPTIONS.maxRetryAfterMs / 2 });
 * ```
 */
export const DEFAULT_CLASSIFIER_OPTIONS = {
  maxRetryAfterMs: MAX_RETRY_AFTER_MS,
  maxDepth: DEFAULT_MAX_DEPTH,
  now: (): number => Date.now(),
} as const satisfies Required<ClassifierOptions>;

/** The validated options. */
export interface NormalizedClassifierOptions {
  readonly maxRetryAfterMs: number;
  readonly maxDepth: number;
  readonly now: () => number;
}

const KNOWN = ['maxRetryAfterMs', 'maxDepth', 'now'];

/** Validates options; throws a TypeError naming the field and the value (unknown keys with the nearest valid one). */
export function normalizeClassifierOptions(
  options: ClassifierOptions | undefined,
): NormalizedClassifierOptions {
  if (options === undefined) return DEFAULT_CLASSIFIER_OPTIONS;
  const o = readOptions('createClassifier', options, KNOWN);
  const maxRetryAfterMs = o.maxRetryAfterMs ?? DEFAULT_CLASSIFIER_OPTIONS.maxRetryAfterMs;
  if (
    typeof maxRetryAfterMs !== 'number' ||
    !Number.isFinite(maxRetryAfterMs) ||
    maxRetryAfterMs < 0 ||
    maxRetryAfterMs > MAX_TIMER_MS
  ) {
    throw optionError(
      'createClassifier',
      'options.maxRetryAfterMs',
      maxRetryAfterMs,
      `a number of ms >= 0 and <= ${MAX_TIMER_MS}`,
    );
  }
  const maxDepth = o.maxDepth ?? DEFAULT_CLASSIFIER_OPTIONS.maxDepth;
  if (typeof maxDepth !== 'number' || !Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > 64) {
    throw optionError('createClassifier', 'options.maxDepth', maxDepth, 'an integer from 0 to 64');
  }
  const now = o.now ?? DEFAULT_CLASSIFIER_OPTIONS.now;
  if (typeof now !== 'function') {
    throw optionError('createClassifier', 'options.now', now, 'a function returning ms');
  }
  return { maxRetryAfterMs, maxDepth, now: now as () => number };
}
