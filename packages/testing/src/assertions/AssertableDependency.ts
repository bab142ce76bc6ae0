// What the failure-mode assertions drive, typed by shape: a @bulwark/policies Dependency fits, and so
// does anything else with `execute(fn, { signal })`, so @bulwark/testing never imports the policies.

/**
 * The context an assertion's scripted dependency function is given (a subset of the policies'
 * `ExecuteContext`).
 *
 * @example
 * ```ts
 * import type { AttemptContext } from '@bulwark/testing';
 * const fn = ({ signal }: AttemptContext) => fetch('https://edna.test/', { signal });
 * ```
 */
export interface AttemptContext {
  readonly signal: AbortSignal;
  readonly attempt: number;
}

/**
 * Anything the assertions can drive: `execute(fn)` runs `fn` through the resilience policy under test.
 * `state` (when present) is checked too.
 *
 * @example
 * ```ts
 * import type { AssertableDependency } from '@bulwark/testing';
 * import { wrapDependency } from '@bulwark/policies';
 * const target: AssertableDependency = wrapDependency('edna');
 * ```
 */
export interface AssertableDependency {
  execute<T>(
    fn: (context: AttemptContext) => Promise<T>,
    options?: { signal?: AbortSignal },
  ): Promise<unknown>;
  readonly state?: string;
}
