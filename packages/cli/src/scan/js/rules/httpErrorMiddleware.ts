// swallowed-error: middy's `@middy/http-error-handler` on a function that is not invoked over HTTP. The
// middleware turns every error into a response (500 for one it does not recognise) and does not rethrow,
// which is right behind API Gateway; for an SQS, stream, EventBridge or scheduled function the invocation
// then succeeds: the batch is deleted, the async event is not retried, and the Errors metric stays quiet.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

const NOT_HTTP =
  /\b(SQSEvent|SQSHandler|EventBridgeEvent|EventBridgeHandler|ScheduledEvent|ScheduledHandler|SNSEvent|SNSHandler|DynamoDBStreamEvent|DynamoDBStreamHandler|KinesisStreamEvent|KinesisStreamHandler)\b|\bevent\.(detail|Records)\b/;
const HTTP =
  /\b(APIGateway\w*|ALBEvent|ALBHandler|LambdaFunctionURL\w*)\b|\bevent\.(body|httpMethod|headers|pathParameters|requestContext)\b/;

/** The function a `middy(fn)` call wraps, at the bottom of a `.use(...)` chain. */
function wrapped(ctx: ModuleContext, call: Node): Node | undefined {
  let c: Node | undefined = call;
  while (c?.type === 'CallExpression' && calleeName(c) === 'use') c = unwrap(unwrap(c.callee)?.object);
  if (c?.type !== 'CallExpression' || calleeName(c) !== 'middy') return undefined;
  const fn = ctx.valueOf((c.arguments as Node[])[0]);
  return fn !== undefined && isFunction(fn) ? fn : undefined;
}

/**
 * @example
 * httpErrorMiddlewareRule(ctx, report) // middy(onOrderEvent).use(httpErrorHandler()), onOrderEvent(event: EventBridgeEvent<...>) -> at `.use(`
 */
export function httpErrorMiddlewareRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.source.includes('@middy/http-error-handler')) return;
  for (const call of ctx.of('CallExpression')) {
    if (calleeName(call) !== 'use') continue;
    const arg = unwrap((call.arguments as Node[])[0]);
    // `.use(httpErrorHandler())` or `.use([jsonBodyParser(), httpErrorHandler()])`.
    const middlewares = arg?.type === 'ArrayExpression' ? (arg.elements as Node[]) : [arg];
    const isErrorHandler = (m: Node | undefined) => {
      const callee = m?.type === 'CallExpression' ? unwrap(m.callee) : undefined;
      const imp = callee?.type === 'Identifier' ? ctx.importOf(callee.name as string, callee) : undefined;
      return imp?.source === '@middy/http-error-handler';
    };
    if (!middlewares.some((m) => isErrorHandler(unwrap(m)))) continue;
    const fn = wrapped(ctx, call);
    if (fn === undefined) continue;
    const text = ctx.source.slice(fn.start, fn.end);
    if (!NOT_HTTP.test(text) || HTTP.test(text)) continue;
    // The handler throws its failures on purpose; the middleware is what answers them.
    if (!someDescendant(fn.body as Node, (n) => n.type === 'AwaitExpression', true)) continue;
    report(
      'swallowed-error',
      call,
      'http-error-handler answers every error with a response and does not rethrow, but this function is not invoked over HTTP: its failures end the invocation as a success, so the event is not retried (or the batch is deleted) and no Errors alarm fires',
    );
  }
}
