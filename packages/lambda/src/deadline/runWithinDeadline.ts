// Every wrapDependency call a record (or request) makes is bounded by the invocation's remaining time minus
// the safety margin. The binding itself is @bulwark/policies' withDeadline (AsyncLocalStorage): it has to be
// that module's instance, since wrapDependency reads its store.
//
// @bulwark/policies is imported on first use, not at load: its barrel brings the SSM client (shared breaker
// state), which would triple this package's cold import. An application that uses wrapDependency has loaded
// it already, so the first invocation finds it in the module cache.

import type { RemainingTime } from './DeadlineGuard.js';

type WithDeadline = <T>(deadline: RemainingTime, fn: () => Promise<T>) => Promise<T>;

/** What a bound function may return: handlers may be synchronous. */
type Bound<T> = () => T | Promise<T>;

let loading: Promise<WithDeadline> | undefined;
let loaded: WithDeadline | undefined;

/** Resolves once @bulwark/policies is loaded; call it before the first `runWithinDeadline` of an invocation. */
export function loadDeadlineBinding(): Promise<WithDeadline> {
  loading ??= import('@bulwark/policies').then((policies) => {
    loaded = policies.withDeadline;
    return loaded;
  });
  return loading;
}

export function runWithinDeadline<T>(budget: RemainingTime | undefined, fn: Bound<T>): T | Promise<T> {
  if (budget === undefined) return fn();
  // withDeadline returns what fn returns (AsyncLocalStorage.run); a synchronous result is fine for `await`.
  // Stryker disable next-line ConditionalExpression: a fast path that saves a microtask: loadDeadlineBinding() resolves to the same binding once loaded
  if (loaded !== undefined) return loaded(budget, fn as () => Promise<T>);
  return loadDeadlineBinding().then((withDeadline) => withDeadline(budget, fn as () => Promise<T>));
}
