// A handler module that consumes SQS messages through an event adapter instead of reading the batch in
// its own code: a helix-universal function (`export const main = wrap(processTask).with(sqsEventAdapter)...`,
// where the adapter parses the first record's body and hands the wrapped function the message), or an
// entry that routes on the event's source (`if (isSqsEvent(event)) return runSQS(event, context)`, testing
// `event.Records[0]?.messageId` or `eventSource === 'aws:sqs'`). No function of such a module reads the
// records in a shape handlerTypes.ts isBatch knows, so its handler fact is no consumer; yet the message is
// redelivered when the work fails, which is the retry no-retry asks for (eventCallers.ts redeliveredFor).
// Read from the module's text, once per handler module the caller search reaches: no parse, no walk.

/** A documented SQS event adapter of helix-universal functions (SpaceCat's shared utils, helix-admin). */
const ADAPTER =
  /import\s*\{[^}]*\bsqsEventAdapter\b|\{[^}]*\bsqsEventAdapter\b[^}]*\}\s*=\s*require\(|\.with\(\s*sqsEventAdapter\b/;

/** An entry's own test that its event is an SQS batch: a record's `messageId`, or the SQS source name. */
const SOURCE_TEST =
  /\bRecords\s*(?:\?\.)?\[\s*0\s*\]\s*(?:\?\.|\.)\s*messageId\b|\beventSource\s*[!=]==?\s*['"]aws:sqs['"]/;

/**
 * A sign that the same module also serves an HTTP request (API Gateway, ALB, a function URL): a user then
 * waits on the requests its code reaches, whatever else invokes it.
 */
const HTTP_EVENT =
  /\b(?:httpMethod|requestContext|routeKey|rawPath|APIGateway\w*|ALBEvent|LambdaFunctionURL\w*)\b/;

/**
 * Does the handler module's text show it consuming SQS messages through an adapter or a router keyed on
 * the event's source, with no sign of an HTTP event beside it? `handlerExports` is the number of handler
 * exports the module's analysis found: with more than one, the text cannot say which consumes the queue.
 *
 * @example
 * queueAdapted("import { sqsEventAdapter } from '@adobe/spacecat-shared-utils'; ...wrap(run).with(sqsEventAdapter)", 1) // true
 * queueAdapted("if (event.requestContext) return api(event); if (event.Records[0]?.messageId) ...", 1) // false
 */
export function queueAdapted(text: string | undefined, handlerExports: number): boolean {
  if (text === undefined || handlerExports !== 1) return false;
  // Cheap gate first: neither word, no adapter.
  if (!text.includes('sqsEventAdapter') && !text.includes('messageId') && !text.includes('aws:sqs'))
    return false;
  return (ADAPTER.test(text) || SOURCE_TEST.test(text)) && !HTTP_EVENT.test(text);
}
