// iac-missing-dlq for a serverless.yml function that none of its own events invokes asynchronously, but a
// resource of the same configuration does: an `AWS::SNS::Subscription` with protocol `lambda`, a bucket's
// `LambdaConfigurations`, a log subscription, an IoT rule (cfnAsyncInvokers.ts asyncInvocationsBy), or an
// EventBridge rule matching a pattern, each naming the function by the logical id the Framework gives it
// (`!GetAtt ListBundleResultsLambdaFunction.Arn`). Projects that keep their resources in included files
// (`resources: - ${file(./infra/sns.yml)}`) wire functions this way. The template pass cannot see these:
// the function is no resource of the template. Lambda retries such an event twice and then drops it unless
// the function has an on-failure target; the finding sits at the function's key, where it is written.
import { SERVERLESS_ASYNC_EVENTS } from './asyncEvents.js';
import { asyncInvocationsBy, scheduleRule } from './cfnAsyncInvokers.js';
import { type IacReport, type Json, obj, workLink } from './IacResult.js';
import { extendedDeadLetter } from './serverlessExtensions.js';
import { keepsAsyncFailure } from './serverlessInvoked.js';
import { functionLogicalId } from './serverlessStepTasks.js';
import { refsIn } from './yamlDocument.js';

/** The values one resource hands an event to Lambda's async queue through, with what it is. */
function asyncTargets(type: string, props: Record<string, Json>): { target: Json; what: string }[] {
  if (type !== 'AWS::Events::Rule') return asyncInvocationsBy(type, props);
  // A schedule's next run is its retry, as for a template's rules (cloudformation.ts).
  if (scheduleRule(props)) return [];
  const targets = Array.isArray(props.Targets) ? props.Targets : [];
  return targets.map((t) => ({ target: obj(t)?.Arn, what: 'an EventBridge rule' }));
}

/**
 * The function keys a resource of the configuration invokes asynchronously, with the first invoker.
 * @example
 * resourceInvokedFunctions(config) // Map { 'listBundleResults' => 'an SNS subscription' }
 */
export function resourceInvokedFunctions(config: Record<string, Json>): Map<string, string> {
  const keys = new Map(Object.keys(obj(config.functions) ?? {}).map((k) => [functionLogicalId(k), k]));
  const out = new Map<string, string>();
  for (const r of Object.values(obj(obj(config.resources)?.Resources) ?? {})) {
    const resource = obj(r);
    const props = obj(resource?.Properties);
    if (props === undefined || typeof resource?.Type !== 'string') continue;
    for (const { target, what } of asyncTargets(resource.Type, props))
      for (const id of refsIn(target)) {
        const key = keys.get(id);
        if (key !== undefined && !out.has(key)) out.set(key, what);
      }
  }
  return out;
}

/**
 * Whether a function's own events include an asynchronous one (judged with them in serverless.ts). An
 * `eventBridge` event's own `schedule` is no such event there (its next run is the retry), so it leaves the
 * function to the resources that invoke it.
 */
function hasAsyncEvent(fn: Record<string, Json>): boolean {
  const events = Array.isArray(fn.events) ? fn.events : [];
  return events.some(
    (e) =>
      SERVERLESS_ASYNC_EVENTS.some((k) => obj(e)?.[k] !== undefined) &&
      obj(obj(e)?.eventBridge)?.schedule === undefined,
  );
}

/**
 * Reports each function a resource invokes asynchronously that has no on-failure target (its own, or an
 * `AWS::Lambda::EventInvokeConfig`'s in `settled`); answers the keys it judged.
 * @example
 * checkResourceInvoked(config, report, new Set()) // iac-missing-dlq at functions.listBundleResults
 */
export function checkResourceInvoked(
  config: Record<string, Json>,
  report: IacReport,
  settled: ReadonlySet<string>,
): Set<string> {
  const judged = new Set<string>();
  const functions = obj(config.functions) ?? {};
  for (const [key, what] of resourceInvokedFunctions(config)) {
    const fn = obj(functions[key]);
    if (fn === undefined || hasAsyncEvent(fn)) continue;
    judged.add(key);
    if (settled.has(key) || keepsAsyncFailure(fn, extendedDeadLetter(config, key))) continue;
    report(
      'iac-missing-dlq',
      ['functions', key],
      `${key} is invoked asynchronously (${what} of the configuration's resources) with no destinations.onFailure, onError or deadLetter: after Lambda's two retries the event is dropped`,
      // A handler that only logs has nothing a replay would redo (as for its own async events).
      typeof fn.handler === 'string' ? workLink(fn.handler) : undefined,
    );
  }
  return judged;
}
