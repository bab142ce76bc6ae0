// Deadlines that reach every call made inside a scope, without threading them through each signature:
// the Lambda layer wraps a handler in withDeadline(context, ...) and every execute/fetch below it is
// bounded by the invocation's remaining time. Scopes nest; an inner one can shorten, never extend.

import { AsyncLocalStorage } from 'node:async_hooks';
import { optionError } from '@bulwark/errors';
import type { DeadlineSource } from '../options/DependencyOptions.js';

const storage = new AsyncLocalStorage<readonly DeadlineSource[]>();

/**
 * Runs `fn` with `deadline` bounding every `execute`/`fetch` made inside it (however deeply awaited).
 * `deadline` is an `AbortSignal`, anything with `getRemainingTimeInMillis()` (a Lambda context), or a
 * function returning the milliseconds left. Nested scopes all apply: the nearest deadline wins.
 *
 * @example
 * ```ts
 * import { withDeadline, wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna');
 * export const handler = async (_event: unknown, context: { getRemainingTimeInMillis(): number }) =>
 *   withDeadline(context, () => edna.fetch('https://edna.internal/orders'));
 * ```
 */
export function withDeadline<T>(deadline: DeadlineSource, fn: () => Promise<T>): Promise<T> {
  if (
    typeof deadline !== 'function' &&
    !(deadline instanceof AbortSignal) &&
    typeof (deadline as { getRemainingTimeInMillis?: unknown })?.getRemainingTimeInMillis !== 'function'
  ) {
    throw optionError(
      'withDeadline',
      'deadline',
      deadline,
      'an AbortSignal, a { getRemainingTimeInMillis() } object or a function',
    );
  }
  if (typeof fn !== 'function') throw optionError('withDeadline', 'fn', fn, 'a function');
  const outer = storage.getStore();
  return storage.run(outer === undefined ? [deadline] : [...outer, deadline], fn);
}

/** The deadline sources in force here (outermost first), if any. */
export function currentDeadlines(): readonly DeadlineSource[] | undefined {
  return storage.getStore();
}

/** Epoch ms a time-based source ends at; `undefined` for a signal that has not fired. */
export function deadlineAt(source: DeadlineSource, now: number): number | undefined {
  if (source instanceof AbortSignal) return source.aborted ? now : undefined;
  const remaining = typeof source === 'function' ? source() : source.getRemainingTimeInMillis();
  return Number.isFinite(remaining) ? now + Math.max(0, remaining) : undefined;
}
