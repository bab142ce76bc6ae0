// swallowed-error: what invokes an entry handler, read from the handler's own code when no template in the
// repository wires it. A queue, a stream, a notification or a schedule reads no answer, so a failure the
// handler returns as a value (`{ statusCode: 500 }`) is taken for success; an HTTP caller reads it. The
// event says which: its declared type (`SQSEvent`, `ScheduledEvent`, a handler typed `SQSHandler`), or the
// `Records` the handler reads off it, which no HTTP event carries.
import { escapeRegExp } from '../../escapeRegExp.js';
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Event and handler types of sources that discard the answer (Firehose and Cognito triggers read theirs). */
const ANSWERLESS_TYPE =
  /\b(SQS|SNS|S3|Kinesis(?:Stream)?|DynamoDBStream|Scheduled|EventBridge|CloudWatchLogs)(Event|Handler)\b/;

/** Event and handler types of a caller that reads the answer. */
const ANSWERED_TYPE = /\b(APIGateway\w*|ALB\w*|LambdaFunctionURL\w*|CloudFront\w*|Handler<\s*APIGateway)/;

/** Fields only an HTTP event carries: a handler reading them answers a client. */
const HTTP_FIELDS = 'body|pathParameters|queryStringParameters|httpMethod|headers|requestContext|rawPath';

/** The declared types of the handler's event: its parameter's annotation and its variable's (`SQSHandler`). */
function declaredTypes(ctx: ModuleContext, fn: Node): string {
  const param = (fn.params as Node[])[0];
  const parent = ctx.parentOf(fn);
  return [
    param?.typeAnnotation,
    parent?.type === 'VariableDeclarator' ? parent.id?.typeAnnotation : undefined,
  ]
    .filter((t): t is Node => t != null)
    .map((t) => ctx.source.slice(t.start, t.end))
    .join(' ');
}

/**
 * True when the entry handler `fn` is invoked by a source that reads no answer, as its code says: an event
 * type of a queue, stream, notification or schedule, or, untyped, an event whose `Records` it reads and
 * none of whose HTTP fields.
 *
 * @example
 * // export const handler = async (events: any) => { const m = JSON.parse(events.Records[0].body); ... }
 * answerlessEvent(ctx, handlerFn) // -> true
 */
export function answerlessEvent(ctx: ModuleContext, fn: Node): boolean {
  const declared = declaredTypes(ctx, fn);
  if (ANSWERED_TYPE.test(declared)) return false;
  if (ANSWERLESS_TYPE.test(declared)) return true;
  // Any other declared type (`CloudFrontRequestHandler`, a project's own) is not guessed from its fields;
  // only an untyped event (none, `any`, `unknown`) is.
  if (!/^[\s:]*(any|unknown)?[\s:]*$/.test(declared)) return false;
  const event = unwrap((fn.params as Node[])[0]);
  if (event?.type !== 'Identifier') return false;
  const name = escapeRegExp(event.name as string);
  const text = ctx.source.slice((fn.body as Node).start, (fn.body as Node).end);
  if (new RegExp(`\\b${name}\\s*\\??\\.\\s*(${HTTP_FIELDS})\\b`).test(text)) return false;
  // Lambda@Edge events carry `Records[0].cf` too, and CloudFront reads the answer (as handlerTypes.isBatch).
  if (/\.\s*cf\b/.test(text)) return false;
  return new RegExp(`\\b${name}\\s*\\??\\.\\s*Records\\b`).test(text);
}
