// Template functions that say they are invoked asynchronously and by nothing the template shows: the
// function has no trigger of its own (no `Events`, no function URL), yet gives Lambda's asynchronous queue a
// place for failed events (its own `DeadLetterQueue`, `DeadLetterConfig`, `EventInvokeConfig` OnFailure, or an
// `AWS::Lambda::EventInvokeConfig` naming it). Lambda uses that target only for asynchronous invocations, so
// the invoker is a schedule or a rule set up outside the template (`aws scheduler create-schedule`), and what
// the handler returns is read by no one: a failure answered as `{ statusCode: 500 }` counts as a success and
// never reaches the dead-letter queue the template set up for it. A `Globals` target is no such sign (it is
// every function's, the API ones too). Vetoed when any resource may call the function and read the answer
// (an API, integration, load balancer, AppSync or Cognito resource naming it, a function URL, an event source
// mapping, or an invoke permission whose principal is not a known asynchronous source): such a caller may
// exist beside the async one. serverless.yml gets the same resource vetoes from its `resources.Resources`.
import { type Json, obj } from './IacResult.js';
import { functionLogicalId } from './serverlessStepTasks.js';
import { refsIn } from './yamlDocument.js';

const FUNCTION = /^AWS::(?:Serverless::Function|Lambda::Function)$/;

/** Resource types that hand a function requests whose answer the caller reads. */
const SYNC_CALLERS =
  /^AWS::(?:ApiGateway::|ApiGatewayV2::|Serverless::(?:Api|HttpApi)$|ElasticLoadBalancingV2::|Lambda::Url$|AppSync::|Cognito::)/;

/**
 * Invoke-permission principals that invoke asynchronously and read no answer. Any other principal (API
 * Gateway, Connect, Bedrock, an account, one the template computes) may read it. SQS is no principal: its
 * poller is an event source mapping.
 */
const ASYNC_PRINCIPAL = /^(?:s3|sns|events|scheduler|logs|iot|ses)\.(?:amazonaws\.com|\$\{AWS::URLSuffix\})$/;

/** The principal's text: a string, or the template of a `!Sub`; undefined for anything else. */
function principalText(principal: Json | undefined): string | undefined {
  if (typeof principal === 'string') return principal;
  const sub = obj(principal)?.['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  return typeof text === 'string' ? text : undefined;
}

/** Does a permission's principal invoke asynchronously (a known async source)? */
const asyncPrincipal = (principal: Json | undefined): boolean =>
  ASYNC_PRINCIPAL.test(principalText(principal) ?? '');

const ownFailureTarget = (props: Record<string, Json>): boolean =>
  props.DeadLetterQueue !== undefined ||
  props.DeadLetterConfig !== undefined ||
  obj(obj(props.EventInvokeConfig)?.DestinationConfig)?.OnFailure !== undefined;

/**
 * Logical ids of the template's functions with an asynchronous failure target of their own and no trigger
 * or synchronous caller in the template.
 * @example
 * asyncOnlyFunctionIds({ F: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'a.handler',
 *   DeadLetterQueue: { Type: 'SQS', TargetArn: 'arn' } } } }) // Set { 'F' }
 */
export function asyncOnlyFunctionIds(resources: Record<string, Json>): Set<string> {
  const configured = new Set<string>();
  const vetoed = new Set<string>();
  for (const [id, r] of Object.entries(resources)) {
    const res = obj(r);
    const type = String(res?.Type);
    const props = obj(res?.Properties) ?? {};
    if (FUNCTION.test(type)) {
      const events = obj(props.Events);
      const triggered =
        (events !== undefined && Object.keys(events).length > 0) || props.FunctionUrlConfig !== undefined;
      if (triggered) vetoed.add(id);
      else if (ownFailureTarget(props)) configured.add(id);
    } else if (type === 'AWS::Lambda::EventInvokeConfig') {
      if (obj(props.DestinationConfig)?.OnFailure !== undefined)
        for (const ref of refsIn(props.FunctionName)) configured.add(ref);
    } else syncCalled(type, props, vetoed);
  }
  return new Set([...configured].filter((id) => !vetoed.has(id)));
}

/** Adds to `vetoed` the logical ids a resource that may read the function's answer names. */
function syncCalled(type: string, props: Record<string, Json>, vetoed: Set<string>): void {
  if (SYNC_CALLERS.test(type)) for (const ref of refsIn(props)) vetoed.add(ref);
  else if (type === 'AWS::Lambda::Permission' && !asyncPrincipal(props.Principal))
    for (const ref of refsIn(props.FunctionName)) vetoed.add(ref);
  // A polled queue or stream is judged as such (eventWiredHandlers.ts), not as an unread answer.
  else if (type === 'AWS::Lambda::EventSourceMapping')
    for (const ref of refsIn(props.FunctionName)) vetoed.add(ref);
}

/**
 * serverless.yml function keys with no events (and no function `url`) that name an asynchronous failure
 * target: `onError` (the dead-letter queue or topic) or `destinations.onFailure`, unless a resource under
 * `resources.Resources` that may read the answer names the function's logical id (`SendDigestLambdaFunction`).
 * @example
 * serverlessAsyncOnly({ f: { handler: 'a.h', onError: 'arn:aws:sqs:...' } }) // ['f']
 */
export function serverlessAsyncOnly(
  functions: Record<string, Json>,
  resources: Record<string, Json> = {},
): string[] {
  const vetoed = new Set<string>();
  for (const r of Object.values(resources)) {
    const res = obj(r);
    syncCalled(String(res?.Type), obj(res?.Properties) ?? {}, vetoed);
  }
  return Object.entries(functions).flatMap(([key, f]) => {
    const fn = obj(f);
    if (fn === undefined || fn.url !== undefined || vetoed.has(functionLogicalId(key))) return [];
    if (Array.isArray(fn.events) && fn.events.length > 0) return [];
    const target = fn.onError !== undefined || obj(fn.destinations)?.onFailure !== undefined;
    return target ? [key] : [];
  });
}
