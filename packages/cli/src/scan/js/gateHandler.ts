// The gate's test for a Lambda handler (ruleGate.ts): split from the gate so each family's words sit in
// their own module, like gateIac.ts. Over-approximates handler discovery, never the other way round.
import type { SourceWords } from './SourceWords.js';

/** An aws-lambda type: `SQSEvent`, `APIGatewayProxyHandler`, `: Context`, `: lambda.Handler<...>`. */
const LAMBDA_TYPE =
  /\b(?:SQS|SNS|S3|Kinesis|DynamoDBStream|EventBridge|APIGatewayProxy|ALB|Scheduled|CloudWatchLogs|Firehose|Cognito|Context)\w*(?:Event|Handler)\b|:\s*(?:[\w$]+\.)*(?:Handler|Context)\b/;
/** An export named like a handler: `export const handler`, `export async function main`, `exports.fooHandler`. */
const HANDLER_EXPORT =
  /\bexport\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:function\s*\*?|const|let|var)\s*[\w$]*(?:handler|Handler|main)\b|\bexports\s*(?:\.\s*|\[\s*['"`])[\w$]*(?:handler|Handler|main)\b/;
/** `export const a = 1, handler = ...`: a handler-like name declared after a comma, in a module that exports variables. */
const LATER_DECLARATOR = /,\s*[\w$]*(?:handler|Handler|main)\s*[:=]/;
const EXPORTS_VARIABLES = /\bexport\s+(?:declare\s+)?(?:const|let|var)\b/;

/**
 * A Lambda handler (js/handlerDiscovery.ts starts from the module's exports): an export named like one,
 * typed with an aws-lambda type, or built by a wrapping factory. Every lambda rule (rules/lambda.ts,
 * idempotency.ts) and every handler fact needs one. `export { x as handler }` and `module.exports` keep
 * a module analysed anyway (ruleGate.ts, eager).
 * @example
 * handlerWords(SourceWords.of('export const handler = async (event: SQSEvent) => {}')); // true
 */
export function handlerWords(words: SourceWords): boolean {
  const source = words.source;
  const named = words.includes('andler') || words.includes('main');
  const typed = words.includes('Event') || words.includes('Handler') || words.includes('Context');
  return (
    (named &&
      words.includes('export') &&
      (HANDLER_EXPORT.test(source) || (LATER_DECLARATOR.test(source) && EXPORTS_VARIABLES.test(source)))) ||
    (typed && LAMBDA_TYPE.test(source)) ||
    words.includes('middy') ||
    words.includes('sqsHandler') ||
    words.includes('httpHandler') ||
    words.includes('captureLambdaHandler') ||
    words.includes('dempot') ||
    words.includes('processPartialResponse')
  );
}
