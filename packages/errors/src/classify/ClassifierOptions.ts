// The options of createClassifier, their documented defaults, and the validated internal form.

import { describeValue as describe } from '../describeValue.js';
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

const KNOWN = new Set(['maxRetryAfterMs', 'maxDepth', 'now']);

/** Validates options; throws a TypeError naming the field and the value. */
export function normalizeClassifierOptions(
  options: ClassifierOptions | undefined,
): NormalizedClassifierOptions {
  if (options === undefined) return DEFAULT_CLASSIFIER_OPTIONS;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`createClassifier: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw new TypeError(`createClassifier: unknown option "${key}"`);
  }
  const merged = { ...DEFAULT_CLASSIFIER_OPTIONS, ...options };
  if (!Number.isFinite(merged.maxRetryAfterMs) || merged.maxRetryAfterMs < 0) {
    throw new TypeError(
      `createClassifier: options.maxRetryAfterMs must be a non-negative number of ms, got ${describe(merged.maxRetryAfterMs)}`,
    );
  }
  if (!Number.isInteger(merged.maxDepth) || merged.maxDepth < 0 || merged.maxDepth > 64) {
    throw new TypeError(
      `createClassifier: options.maxDepth must be an integer from 0 to 64, got ${describe(merged.maxDepth)}`,
    );
  }
  if (typeof merged.now !== 'function') {
    throw new TypeError(
      `createClassifier: options.now must be a function returning ms, got ${describe(merged.now)}`,
    );
  }
  return { maxRetryAfterMs: merged.maxRetryAfterMs, maxDepth: merged.maxDepth, now: merged.now };
}
