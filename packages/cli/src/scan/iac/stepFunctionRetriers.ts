// retry-unbounded in an Amazon States Language retrier: a Task's `Retry` entry waits `IntervalSeconds`, then
// multiplies the wait by `BackoffRate` each attempt, up to `MaxAttempts` (the language accepts up to 99,999,999).
// Nothing caps one wait unless `MaxDelaySeconds` does, so an exponential retrier with many attempts adds up
// to waits longer than a standard workflow's execution may live (a year): an error that keeps coming back is
// never handed to the `Catch` or the caller; the execution sits in retries instead of failing where someone
// would see it. The machine's or an enclosing Parallel/Map state's `TimeoutSeconds` (or `TimeoutSecondsPath`)
// bounds it instead: the execution then fails with States.Timeout, visibly, as loopback Waits do.
// A retrier with `JitterStrategy: FULL` is the documented durable-retry shape (attempts spread at random over
// a long outage): whoever set it tuned how the retries are spread, so the length is chosen, not overlooked.
import type { IacReport } from './IacResult.js';
import { type States, timed, walkStates } from './stepFunctionLoops.js';

/** The longest a standard workflow execution may run, in seconds (Step Functions' service quota). */
const EXECUTION_LIMIT = 365 * 24 * 3600;

/** The language's defaults for a retrier that leaves a field out. */
const DEFAULT_INTERVAL = 1;
const DEFAULT_ATTEMPTS = 3;
const DEFAULT_RATE = 2;

const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/**
 * The seconds a retrier waits in all before it gives up: IntervalSeconds x BackoffRate^k for each attempt,
 * each wait capped at MaxDelaySeconds when set. Summing stops once past `limit` (the answer is then only
 * known to exceed it), so 99,999,999 attempts cost no more than the few that pass it.
 *
 * @example
 * retrierWaits({ IntervalSeconds: 2, MaxAttempts: 100, BackoffRate: 2 }, 31_536_000) // > 31_536_000
 * retrierWaits({ IntervalSeconds: 2, MaxAttempts: 3 }, 31_536_000) // 2 + 4 + 8 = 14
 */
export function retrierWaits(retrier: Record<string, unknown>, limit: number): number {
  const attempts = numberOr(retrier.MaxAttempts, DEFAULT_ATTEMPTS);
  const rate = numberOr(retrier.BackoffRate, DEFAULT_RATE);
  const cap = numberOr(retrier.MaxDelaySeconds, Number.POSITIVE_INFINITY);
  let wait = numberOr(retrier.IntervalSeconds, DEFAULT_INTERVAL);
  let total = 0;
  for (let k = 0; k < attempts && total <= limit; k += 1) {
    total += Math.min(wait, cap);
    wait *= rate;
  }
  return total;
}

// A Parallel or Map state's TimeoutSeconds bounds its branches (a Task's bounds one attempt only).
const boundsBranches = (state: Record<string, unknown>) => state.Type !== 'Task' && timed(state);

function checkRetries(
  name: string,
  state: Record<string, unknown>,
  bounded: boolean,
  path: (string | number)[],
  report: IacReport,
): void {
  if (!Array.isArray(state.Retry) || bounded) return;
  state.Retry.forEach((retrier, i) => {
    if (typeof retrier !== 'object' || retrier === null) return;
    const r = retrier as Record<string, unknown>;
    if (r.JitterStrategy === 'FULL' || retrierWaits(r, EXECUTION_LIMIT) <= EXECUTION_LIMIT) return;
    const where = r.MaxAttempts !== undefined ? 'MaxAttempts' : 'ErrorEquals';
    report(
      'retry-unbounded',
      [...path, name, 'Retry', i, where],
      `Retry of "${name}" waits longer in all than the execution may run (no MaxDelaySeconds caps the growing wait): an error that keeps coming back never reaches the Catch`,
    );
  });
}

/**
 * Reports each retrier of a state machine definition whose waits outgrow the execution's lifetime.
 *
 * @example
 * checkStateMachineRetriers(definition, report) // reports States.Check.Retry.0.MaxAttempts for MaxAttempts 100, BackoffRate 2
 */
export function checkStateMachineRetriers(
  value: { States: States } & Record<string, unknown>,
  report: IacReport,
): void {
  walkStates(value.States, timed(value), ['States'], boundsBranches, (name, state, bounded, path) =>
    checkRetries(name, state, bounded, path, report),
  );
}
