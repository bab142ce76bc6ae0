// Template functions that say they are invoked asynchronously and by nothing the template shows: the
// function has no trigger of its own (no `Events`, no function URL), yet gives Lambda's asynchronous queue a
// place for failed events (its own `DeadLetterQueue`, `DeadLetterConfig`, `EventInvokeConfig` OnFailure, or an
// `AWS::Lambda::EventInvokeConfig` naming it). Lambda uses that target only for asynchronous invocations, so
// the invoker is a schedule or a rule set up outside the template (`aws scheduler create-schedule`), and what
// the handler returns is read by no one: a failure answered as `{ statusCode: 500 }` counts as a success and
// never reaches the dead-letter queue the template set up for it. A `Globals` target is no such sign (it is
// every function's, the API ones too). Vetoed when any resource routes requests to the function (an API, an
// integration, a load balancer target, a function URL, an invoke permission for a synchronous caller): a
// caller that reads the answer may exist beside the async one.
import { type Json, obj } from './IacResult.js';
import { refsIn } from './yamlDocument.js';

const FUNCTION = /^AWS::(?:Serverless::Function|Lambda::Function)$/;

/** Resource types that hand a function requests whose answer the caller reads. */
const SYNC_CALLERS =
  /^AWS::(?:ApiGateway::|ApiGatewayV2::|Serverless::(?:Api|HttpApi)$|ElasticLoadBalancingV2::|Lambda::Url$|AppSync::|Cognito::)/;

/** Invoke-permission principals that call synchronously and read the answer. */
const SYNC_PRINCIPALS = /apigateway|elasticloadbalancing|cognito|appsync|lex|alexa/i;

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
    } else if (SYNC_CALLERS.test(type)) {
      for (const ref of refsIn(props)) vetoed.add(ref);
    } else if (type === 'AWS::Lambda::Permission' && SYNC_PRINCIPALS.test(String(props.Principal))) {
      for (const ref of refsIn(props.FunctionName)) vetoed.add(ref);
    } else if (type === 'AWS::Lambda::EventSourceMapping') {
      // A polled queue or stream is judged as such (eventWiredHandlers.ts), not as an unread answer.
      for (const ref of refsIn(props.FunctionName)) vetoed.add(ref);
    }
  }
  return new Set([...configured].filter((id) => !vetoed.has(id)));
}

/**
 * serverless.yml function keys with no events (and no function `url`) that name an asynchronous failure
 * target: `onError` (the dead-letter queue or topic) or `destinations.onFailure`.
 * @example
 * serverlessAsyncOnly({ f: { handler: 'a.h', onError: 'arn:aws:sqs:...' } }) // ['f']
 */
export function serverlessAsyncOnly(functions: Record<string, Json>): string[] {
  return Object.entries(functions).flatMap(([key, f]) => {
    const fn = obj(f);
    if (fn === undefined || fn.url !== undefined) return [];
    if (Array.isArray(fn.events) && fn.events.length > 0) return [];
    const target = fn.onError !== undefined || obj(fn.destinations)?.onFailure !== undefined;
    return target ? [key] : [];
  });
}
