// iac-missing-dlq for a serverless.yml function that no event of its own configuration triggers, but that a
// service deployed elsewhere (a platform's Terraform, another repository) invokes asynchronously: the only
// trace the service keeps of that wiring is the `AWS::Lambda::Permission` in its `resources` that lets the
// rule, topic or bucket call the function (`Principal: events.amazonaws.com`, `SourceArn: !Sub
// arn:aws:events:...:rule/nightly-digest-${sls:stage}`). Lambda retries such an event twice and then drops
// it unless the function has an on-failure target. A permission whose `SourceArn` names a resource of the
// same configuration (`!Ref LedgerTopic`) is left to the readers of that resource: there the scan sees
// whether anything subscribes, and templates keep stale permissions for topics nothing uses any more
// (cfnAsyncInvokers.ts). Reported at the function's key, where its `destinations.onFailure` is written.
import { type IacReport, type Json, obj, workLink } from './IacResult.js';
import { refsIn } from './yamlDocument.js';

/** The service principals whose invocations go through Lambda's asynchronous queue (asyncEvents.ts). */
const ASYNC_PRINCIPALS: ReadonlySet<string> = new Set([
  'events.amazonaws.com',
  'sns.amazonaws.com',
  's3.amazonaws.com',
  'logs.amazonaws.com',
  'iot.amazonaws.com',
]);

/**
 * The logical id the Framework gives a function's resource: its key with `-` and `_` spelled out, the first
 * letter upper-cased, and `LambdaFunction` after it.
 * @example
 * functionLogicalId('send-digest') // 'SendDashdigestLambdaFunction'
 */
export function functionLogicalId(key: string): string {
  const spelled = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${spelled.charAt(0).toUpperCase()}${spelled.slice(1)}LambdaFunction`;
}

/**
 * The function keys an external asynchronous invoker is permitted to call, with the principal that calls.
 * @example
 * permittedInvokers(config) // Map { 'sendDigest' => 'events.amazonaws.com' }
 */
export function permittedInvokers(config: Record<string, Json>): Map<string, string> {
  const resources = obj(obj(config.resources)?.Resources) ?? {};
  const byLogicalId = new Map(
    Object.keys(obj(config.functions) ?? {}).map((key) => [functionLogicalId(key), key]),
  );
  const out = new Map<string, string>();
  for (const r of Object.values(resources)) {
    const resource = obj(r);
    const props = obj(resource?.Properties);
    if (resource?.Type !== 'AWS::Lambda::Permission' || props === undefined) continue;
    const principal = props.Principal;
    if (typeof principal !== 'string' || !ASYNC_PRINCIPALS.has(principal)) continue;
    // A source this configuration builds is judged where it is built; no `SourceArn` names no source.
    if (props.SourceArn === undefined || [...refsIn(props.SourceArn)].some((id) => id in resources)) continue;
    const key = [...refsIn(props.FunctionName)].map((id) => byLogicalId.get(id)).find((k) => k !== undefined);
    if (key !== undefined && !out.has(key)) out.set(key, principal);
  }
  return out;
}

/**
 * Reports each function with no events that an external asynchronous invoker is permitted to call and that
 * has no on-failure target; answers the keys it judged, which no other reader of eventless functions need ask.
 * @example
 * checkPermittedInvokers(config, report) // iac-missing-dlq at functions.sendDigest
 */
export function checkPermittedInvokers(config: Record<string, Json>, report: IacReport): Set<string> {
  const judged = new Set<string>();
  const functions = obj(config.functions) ?? {};
  for (const [key, principal] of permittedInvokers(config)) {
    const fn = obj(functions[key]);
    // A function with events is judged by them (an async event there is reported already).
    const events = fn?.events;
    if (fn === undefined || (events !== undefined && !(Array.isArray(events) && events.length === 0)))
      continue;
    judged.add(key);
    if (
      obj(fn.destinations)?.onFailure !== undefined ||
      fn.onError !== undefined ||
      fn.deadLetter !== undefined
    )
      continue;
    report(
      'iac-missing-dlq',
      ['functions', key],
      `${key} is invoked asynchronously by ${principal.replace('.amazonaws.com', '')} (an AWS::Lambda::Permission for a source deployed elsewhere) with no destinations.onFailure, onError or deadLetter: after Lambda's two retries the event is dropped`,
      typeof fn.handler === 'string' ? workLink(fn.handler) : undefined,
    );
  }
  return judged;
}
