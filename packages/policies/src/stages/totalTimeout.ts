// Total timeout and deadlines: when a call must end. The bound is the nearest of `timeout.totalMs`, the
// dependency's `deadline` option and any `withDeadline` scope around the call; deadline signals can end it
// earlier. Computed once per call; every later stage (bulkhead queue, retry, attempt timeout, the body of
// a fetch) works within it.

import { currentDeadlines, deadlineAt } from '../deadline/withDeadline.js';
import type { DeadlineSource } from '../options/DependencyOptions.js';
import type { Bounds } from '../pipeline/call.js';

export class TotalTimeout {
  readonly #totalMs: number;
  readonly #deadline: DeadlineSource | undefined;

  constructor(totalMs: number, deadline: DeadlineSource | undefined) {
    this.#totalMs = totalMs;
    this.#deadline = deadline;
  }

  /** When a call started at `start` must end, and which signals can end it early. */
  bounds(start: number): Bounds {
    const bounds: Bounds = { endAt: start + this.#totalMs, endKind: 'total', signals: undefined };
    if (this.#deadline !== undefined) consider(bounds, this.#deadline, start);
    const scoped = currentDeadlines();
    if (scoped !== undefined) for (const source of scoped) consider(bounds, source, start);
    return bounds;
  }
}

function consider(bounds: Bounds, source: DeadlineSource, start: number): void {
  if (source instanceof AbortSignal) {
    bounds.signals ??= [];
    bounds.signals.push(source);
    // Stryker disable next-line ConditionalExpression: deadlineAt() of a signal not aborted is undefined, which the check below skips
    if (!source.aborted) return;
  }
  const at = deadlineAt(source, start);
  // Stryker disable next-line ConditionalExpression: undefined < endAt is false too; the check is for the type
  if (at === undefined) return;
  if (at < bounds.endAt) {
    bounds.endAt = at;
    bounds.endKind = 'deadline';
  }
}
