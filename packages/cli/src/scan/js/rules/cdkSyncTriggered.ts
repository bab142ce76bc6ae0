// Whether a CDK function whose async retries are turned off (`fn.configureAsyncInvoke({ retryAttempts: 0 })`)
// is, as far as the module shows, only ever invoked synchronously or on a schedule. That call is otherwise
// taken as the evidence of asynchronous use (cdkAsyncInvokeConfig.ts), but teams also set it "just in case" on
// an API handler, an SQS consumer or a cron job: an API integration or authorizer and an event source mapping
// (SQS, streams, Kafka) invoke synchronously, so the async configuration never applies (the queue's redrive
// policy keeps an SQS message), and a schedule's next run is its retry. Anything that may invoke the function
// asynchronously keeps it reported: an SNS or S3 source, an unscheduled rule target, a grant or permission to
// invoke it, a policy letting it invoke functions (a self-invoke), its name or ARN handed on.
import { escapeRegExp } from '../../escapeRegExp.js';
import { memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { ruleProps } from './cdkAsyncTargets.js';
import { type BuiltFunction, builtFunction } from './cdkWrappedFunctions.js';

/** Constructs that invoke the function they are handed synchronously, and where they take it. */
const SYNC_NEW: Readonly<Record<string, number | 'handler' | 'target'>> = {
  LambdaIntegration: 0,
  LambdaTarget: 0,
  HttpLambdaIntegration: 1,
  WebSocketLambdaIntegration: 1,
  HttpLambdaAuthorizer: 1,
  WebSocketLambdaAuthorizer: 1,
  LambdaRestApi: 'handler',
  TokenAuthorizer: 'handler',
  RequestAuthorizer: 'handler',
  EventSourceMapping: 'target',
};
/** Event sources Lambda polls and invokes synchronously with; any other (SNS, S3) invokes asynchronously. */
const POLLED_SOURCE =
  /^(?:SqsEventSource|KinesisEventSource|KinesisConsumerEventSource|DynamoEventSource|ManagedKafkaEventSource|SelfManagedKafkaEventSource|ApiEventSource)$/;
/** Calls on the function that give it a synchronous caller. */
const SYNC_METHOD = /^(?:addEventSourceMapping|addFunctionUrl|grantInvokeUrl)$/;
/** Calls on the function that may give it an asynchronous caller (a self-invoke policy is read apart). */
const ASYNC_METHOD = /^(?:grantInvoke|grantInvokeCompositePrincipal|addPermission)$/;
/** Its name or ARN handed on: whatever reads it may invoke it with 'Event'. */
const HANDED = 'function(?:Arn|Name)\\b';

/** The argument a synchronous construct takes the function in. */
function syncArg(ctx: ModuleContext, node: Node, where: number | 'handler' | 'target'): Node | undefined {
  const args = node.arguments as Node[];
  if (typeof where === 'number') return args[where];
  const props = objectProps(ctx.valueOf(args[2]));
  return props?.props.get(where);
}

/**
 * Does the module show the function configured by `receiver` triggered only synchronously (an API
 * integration or authorizer, a load balancer target, a polled event source or mapping) or by a schedule, and
 * by nothing that may invoke it asynchronously?
 * @example
 * onlySyncOrScheduled(ctx, fnExpr, fn) // true for `new LambdaRestApi(this, 'Api', { handler: fn })` alone
 */
export function onlySyncOrScheduled(
  ctx: ModuleContext,
  receiver: Node,
  fn: BuiltFunction | undefined,
): boolean {
  const name = memberPath(receiver)?.join('.');
  const same = (expr: Node | undefined): boolean => {
    const e = unwrap(expr);
    if (e === undefined) return false;
    if (fn !== undefined) return builtFunction(ctx, e)?.node === fn.node;
    return name !== undefined && memberPath(e)?.join('.') === name;
  };
  let sync = 0;
  for (const node of ctx.of('NewExpression')) {
    const kind = memberPath(node.callee as Node)?.at(-1) ?? '';
    if (kind === 'LambdaFunction' && same((node.arguments as Node[])[0])) {
      // An EventBridge target: a schedule's next run is its retry; any other rule invokes it asynchronously.
      if (ruleProps(ctx, node)?.props.has('schedule') !== true) return false;
      sync += 1;
    } else if (kind in SYNC_NEW && same(syncArg(ctx, node, SYNC_NEW[kind] as number | 'handler' | 'target')))
      sync += 1;
  }
  if (
    name !== undefined &&
    new RegExp(`(?<![\\w$])${escapeRegExp(name)}\\s*\\.\\s*${HANDED}`).test(ctx.source)
  )
    return false;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression' || !same(callee.object as Node)) continue;
    const prop = propertyName(callee.property as Node, callee.computed as boolean) ?? '';
    if (ASYNC_METHOD.test(prop)) return false;
    const text = ctx.source.slice(call.start, call.end);
    if (prop === 'addToRolePolicy' && text.includes('lambda:InvokeFunction')) return false;
    if (SYNC_METHOD.test(prop)) sync += 1;
    if (prop !== 'addEventSource') continue;
    const source = unwrap(ctx.valueOf((call.arguments as Node[])[0]));
    if (
      source?.type !== 'NewExpression' ||
      !POLLED_SOURCE.test(memberPath(source.callee as Node)?.at(-1) ?? '')
    )
      return false;
    sync += 1;
  }
  return sync > 0;
}
