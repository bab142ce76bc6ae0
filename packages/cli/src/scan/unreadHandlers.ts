// The handler strings of every function whose invoker reads no answer, joined from what templates and
// modules say: the strings they wire to a schedule, an asynchronous source or a Step Functions task, and
// the functions invoked with `InvocationType: 'Event'` through an environment variable a stack sets to
// their name (js/rules/asyncInvokeEnv.ts: the variable read in one module, set in another).
import { envInvokers } from './iac/envHandedFunctions.js';
import type { ModuleFacts } from './js/ModuleFacts.js';

/**
 * @example
 * unreadHandlerStrings(['/app/src/job.handler'], [['NOTIFY_FN', '/app/src/notify.handler']], modules)
 * // ['/app/src/job.handler', '/app/src/notify.handler'] when some module invokes process.env.NOTIFY_FN with Event
 */
export function unreadHandlerStrings(
  handlers: readonly string[],
  envFunctions: readonly (readonly [string, string])[],
  modules: readonly ModuleFacts[],
): string[] {
  // A recurring run-time schedule reads no answer either.
  const invoked = envInvokers(modules, true);
  const byEnv = [...envFunctions, ...modules.flatMap((m) => m.envFunctions ?? [])]
    .filter(([key]) => invoked.has(key))
    .map(([, handler]) => handler);
  return [...handlers, ...byEnv, ...modules.flatMap((m) => m.unreadHandlers ?? [])];
}

/**
 * The handler strings of the functions invoked with `InvocationType: 'Event'` through an environment variable
 * a stack sets to their name: Lambda retries such an invocation twice when it fails or times out, so the
 * handler runs again with the same event, as a queue consumer does. A run-time schedule's target is not
 * among them (each run is the job again, not a redelivery).
 * @example
 * envInvokedHandlerStrings([['NOTIFY_FN', '/app/src/notify.handler']], modules)
 * // ['/app/src/notify.handler'] when some module invokes process.env.NOTIFY_FN with Event
 */
export function envInvokedHandlerStrings(
  envFunctions: readonly (readonly [string, string])[],
  modules: readonly ModuleFacts[],
): string[] {
  const invoked = envInvokers(modules, false);
  return [...envFunctions, ...modules.flatMap((m) => m.envFunctions ?? [])]
    .filter(([key]) => invoked.has(key))
    .map(([, handler]) => handler);
}
