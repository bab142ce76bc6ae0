// Whether a function's own parameter says Lambda discards its answer: it takes a queue or stream batch
// (`event: SQSEvent`, `records: SQSRecord[]`, an untyped handler reading SQS/stream records), or an event
// an asynchronous source delivers (`S3Event`, `SNSEvent`, `EventBridgeEvent<...>`, `ScheduledEvent`).
// A catch in such a function that answers `{ statusCode: 500 }` (or a failure object) returns to nobody:
// the invocation succeeds, the message is deleted or the async retries never run. The type is the
// author's own word on the source, so the finding needs no template; a union with an API event
// (`APIGatewayEvent | SQSEvent`: one controller serving both) still loses the failure on the queue path.
// Only a declared type counts: an untyped handler reading `event.Records` may be routed to an API by a
// template the scan cannot veto with (round 50's review: a SAM Api handler, Lambda@Edge's `cf` records),
// so that one stays held for a template (unreadFailureAnswer.ts, `onlyIfAnswerUnread`). CloudFront's
// types are not listed: Lambda@Edge reads the answer.
import { calleeName, type Node, someDescendant, unwrap } from './ast.js';
import { declaredTypeOf, typeNameOf } from './handlerTypes.js';
import type { ModuleContext } from './ModuleContext.js';

/** Event, record and handler types of the sources whose invoker reads no answer (aws-lambda's names). */
const ANSWERLESS =
  /^(SQS|Kinesis|KinesisStream|DynamoDBStream|S3|SNS|EventBridge|Scheduled|CloudWatchLogs|SES|S3Batch|Firehose)(Event|Handler|Record|EventRecord)$/;

/** The referenced type names an annotation holds: a name, each member of a union, an array's element. */
function typeNames(annotation: Node | undefined): string[] {
  const t = annotation?.typeAnnotation;
  if (t === undefined || t === null) return [];
  if (t.type === 'TSUnionType')
    return (t.types as Node[]).flatMap((m) => typeNames({ typeAnnotation: m } as unknown as Node));
  if (t.type === 'TSArrayType') return typeNames({ typeAnnotation: t.elementType } as unknown as Node);
  const name = typeNameOf(annotation);
  return name === undefined ? [] : [name];
}

/**
 * @example
 * answerlessEvent(ctx, fn) // async refresh(records: SQSRecord[]) { ... } -> true
 * answerlessEvent(ctx, fn) // async (event: APIGatewayProxyEvent) => { ... } -> false
 */
export function answerlessEvent(ctx: ModuleContext, fn: Node): boolean {
  const declared = declaredTypeOf(ctx, fn);
  if (declared !== undefined && ANSWERLESS.test(declared)) return true;
  const first = (fn.params as Node[] | undefined)?.[0];
  if (first === undefined) return false;
  const annotation = first.type === 'AssignmentPattern' ? first.left?.typeAnnotation : first.typeAnnotation;
  return typeNames(annotation).some((n) => ANSWERLESS.test(n));
}

// A helper that takes the error and may raise it again says so in its name; its answer is no value.
const RAISES = /^(?:re)?throw|^raise|^reject$|^next$|^done$|^callback$|^cb$/i;

/** The method `name` of the class whose body holds `at` (`this.handleError(err)`), if declared there. */
function classMethod(ctx: ModuleContext, at: Node, name: string): Node | undefined {
  for (let n = ctx.parentOf(at); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type !== 'ClassBody') continue;
    const m = (n.body as Node[]).find(
      (d) => (d.type === 'MethodDefinition' || d.type === 'PropertyDefinition') && d.key?.name === name,
    );
    const value = m?.value as Node | undefined;
    return value?.type === 'FunctionExpression' || value?.type === 'ArrowFunctionExpression'
      ? value
      : undefined;
  }
  return undefined;
}

/**
 * In a function that takes such an event, a catch's returned call handed the caught error (`return
 * this.handleError(err)`, `return error(e)`: a mapper from the error to a status object) is the failure
 * made a value. Not when the helper, declared in this module, throws: then the failure still escapes.
 *
 * @example
 * errorHandedAnswer(ctx, parse('this.handleError(err)'), 'err', catchClause) // -> true, unless it throws
 */
export function errorHandedAnswer(
  ctx: ModuleContext,
  value: Node | null | undefined,
  caught: string,
  at: Node,
) {
  let v = unwrap(value);
  if (v?.type === 'AwaitExpression') v = unwrap(v.argument as Node);
  if (v?.type !== 'CallExpression') return false;
  const args = (v.arguments as Node[]).map((a) => unwrap(a));
  if (!args.some((a) => a?.type === 'Identifier' && a.name === caught)) return false;
  // Handed the event too (`newFailWholeBatchResponse(event, err)`): it answers for the records, listing
  // them all in `batchItemFailures`, the one answer Lambda reads from a queue consumer.
  const owner = ctx.enclosingFunction(at);
  const event = unwrap((owner?.params as Node[] | undefined)?.[0]);
  if (event?.type === 'Identifier' && args.some((a) => a?.type === 'Identifier' && a.name === event.name))
    return false;
  const name = calleeName(v);
  if (name === undefined || RAISES.test(name)) return false;
  const callee = unwrap(v.callee as Node);
  const local =
    callee?.type === 'MemberExpression' && unwrap(callee.object as Node)?.type === 'ThisExpression'
      ? classMethod(ctx, at, name)
      : ctx.functionOf(callee);
  if (local === undefined) return true;
  if (ctx.source.slice(local.start as number, local.end as number).includes('batchItemFailures'))
    return false;
  return !someDescendant(local, (n) => n.type === 'ThrowStatement', true);
}
