// Does an entry handler's own code show that what invokes it reads no answer? swallowed-error holds a
// handler's returned failure (`return { statusCode: 500 }`) until a template wires the handler to a
// schedule, a queue or an asynchronous source (rules/unreadFailureAnswer.ts). Many repositories deploy
// their functions outside the repository (no IaC at all), so nothing ever wires them and the finding was
// dropped although the handler plainly consumes a queue or stream batch (`JSON.parse(event.Records[0].body)`)
// or is typed as a schedule's. Lambda discards what such a handler returns and counts the run a success.
// Round 42 read this from the event alone and reported at once; review r42 item 3 removed it because no
// template could veto it (a Lambda@Edge function is wired by LambdaFunctionAssociations, and CloudFront
// reads its answer). Round 50 brings it back as a fallback only: the finding stays held, a template that
// routes the handler to HTTP still drops it (answerUnread.ts), and CloudFront events and types never count.
import { escapeRegExp } from '../escapeRegExp.js';
import type { Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Event and handler types of sources that discard the answer (Firehose and Cognito triggers read theirs). */
const ANSWERLESS_TYPE =
  /\b(SQS|SNS|S3|Kinesis(?:Stream)?|DynamoDBStream|Scheduled|EventBridge|CloudWatchLogs)(Event|Handler)\b/;

/**
 * Event and handler types of a caller that reads the answer, asked of the whole module too: an HTTP or
 * CloudFront type anywhere says some handler here answers a client (not `CloudFrontClient`, an SDK client).
 */
const ANSWERED_TYPE =
  /\b(APIGateway\w*|ALB(Event|Handler|Result)\w*|LambdaFunctionURL\w*|CloudFront(Request|Response|Event|Headers)\w*)/;

/** Fields only an HTTP event carries: a module whose event has them answers a client. */
const HTTP_FIELDS =
  'body|pathParameters|queryStringParameters|httpMethod|headers|requestContext|rawPath|routeKey';

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
 * True when the entry handler `fn` says a source that reads no answer invokes it: an event type of a queue,
 * stream, notification or schedule; or, untyped, an event whose `Records` it reads (never a CloudFront
 * record's `cf`) while its module reads no HTTP field off an event and names no HTTP event type.
 *
 * @example
 * // export const handler = async (events: any) => { const m = JSON.parse(events.Records[0].body); ... }
 * answerlessEvent(ctx, handlerFn) // -> true
 */
export function answerlessEvent(ctx: ModuleContext, fn: Node): boolean {
  const declared = declaredTypes(ctx, fn);
  if (ANSWERED_TYPE.test(declared) || ANSWERED_TYPE.test(ctx.source)) return false;
  if (ANSWERLESS_TYPE.test(declared)) return true;
  // Any other declared type (a project's own) is not guessed from its fields; only an untyped event is.
  if (!/^[\s:]*(any|unknown)?[\s:]*$/.test(declared)) return false;
  const event = (fn.params as Node[])[0];
  if (event?.type !== 'Identifier') return false;
  const name = escapeRegExp(event.name as string);
  // Another handler of the module answering a request shares it with a client (`event.body`, `req.headers`).
  if (new RegExp(`\\b(event|evt|req|request|${name})\\s*\\??\\.\\s*(${HTTP_FIELDS})\\b`).test(ctx.source))
    return false;
  const text = ctx.source.slice((fn.body as Node).start, (fn.body as Node).end);
  // Lambda@Edge events carry `Records[0].cf` too, and CloudFront reads the answer (as handlerTypes.isBatch).
  if (/\.\s*cf\b/.test(text)) return false;
  return new RegExp(`\\b${name}\\s*\\??\\.\\s*Records\\b`).test(text);
}
