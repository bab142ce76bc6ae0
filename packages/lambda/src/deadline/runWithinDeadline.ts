// Every wrapDependency call a record (or request) makes is bounded by the invocation's remaining time.
// The binding itself is @bulwark/policies' withDeadline (AsyncLocalStorage); this is the one place we call it.

import type { RemainingTime } from './DeadlineGuard.js';

export function runWithinDeadline<T>(budget: RemainingTime | undefined, fn: () => Promise<T>): Promise<T> {
  if (budget === undefined) return fn();
  // TODO(policies): withDeadline(budget, fn) once @bulwark/policies exports it.
  return fn();
}
