// Every wrapDependency call a record (or request) makes is bounded by the invocation's remaining time minus
// the safety margin. The binding itself is @bulwark/policies' withDeadline (AsyncLocalStorage): it has to be
// that module's instance, since wrapDependency reads its store.

import { withDeadline } from '@bulwark/policies';
import type { RemainingTime } from './DeadlineGuard.js';

export function runWithinDeadline<T>(budget: RemainingTime | undefined, fn: () => Promise<T>): Promise<T> {
  return budget === undefined ? fn() : withDeadline(budget, fn);
}
