// Words without which no rule can report in a module, per rule family. A module without any of them is
// only syntax-checked at first; what it offers importers (wrappers, async exports, SDK options, handler
// facts) is worked out when the project pass asks (project.ts), so its syntax tree is usually never built.
// Each pattern over-approximates the rules' own entry conditions: a word may match where no rule fires
// (the module is then analysed, as before), never the other way round.

// Plain `includes` first: a regular expression with many alternatives over every file cost more than
// the rest of the check (measured: about a third of it on a 1,099-file application).

/** fetch, node-fetch, undici, axios, got, ky, superagent, node:http(s) (rules/http.ts, the fetch check of rules/swallowed.ts). */
function http(source: string): boolean {
  return (
    source.includes('fetch') ||
    source.includes('axios') ||
    source.includes('superagent') ||
    source.includes('undici') ||
    ((source.includes('got') || source.includes('ky')) && /\b(?:got|ky)\b/.test(source)) ||
    (source.includes('http') && /['"`](?:node:)?https?['"`]/.test(source))
  );
}

/** AWS SDK v3 clients and commands, v2 clients (rules/sdk.ts, rules/partialBatch.ts). */
function sdk(source: string): boolean {
  return (
    (source.includes('aws-sdk') && /['"`](?:@aws-sdk\/client-|aws-sdk['"`/])/.test(source)) ||
    (source.includes('Command') && /Batch\w*Command|PutEventsCommand|PutRecordsCommand/.test(source))
  );
}

/** Catch clauses and `.catch()`, retry libraries (rules/swallowed.ts, auth.ts, retry.ts, exhaustedRetry.ts). */
function catchOrRetry(source: string): boolean {
  return (
    source.includes('catch') ||
    source.includes('etry') ||
    source.includes('backOff') ||
    source.includes('cockatiel')
  );
}

/** An aws-lambda type: `SQSEvent`, `APIGatewayProxyHandler`, `Context`, `: Handler`. */
const LAMBDA_TYPE =
  /\b(?:SQS|SNS|S3|Kinesis|DynamoDBStream|EventBridge|APIGatewayProxy|ALB|Scheduled|CloudWatchLogs|Firehose|Cognito|Context)\w*(?:Event|Handler)\b|\bContext\b|:\s*[\w$.]*Handler\b/;
/** A declaration or assignment of a handler-like name: `const handler`, `function main`, `exports.fooHandler =`. */
const HANDLER_NAME =
  /\b(?:const|let|var|function)\b\s*\*?\s*[\w$]*(?:handler|Handler|main)\b|(?:handler|Handler|main)\s*=(?![=>])/;

/**
 * A Lambda handler (js/handlerDiscovery.ts): an exported function named like one, typed with an
 * aws-lambda type, or built by a wrapping factory. Every lambda rule (rules/lambda.ts, idempotency.ts)
 * and every handler fact needs one.
 */
function handler(source: string): boolean {
  const named = source.includes('andler') || source.includes('main');
  const typed = source.includes('Event') || source.includes('Handler') || source.includes('Context');
  return (
    (named && HANDLER_NAME.test(source)) ||
    (typed && LAMBDA_TYPE.test(source)) ||
    source.includes('middy') ||
    source.includes('dempot') ||
    source.includes('processPartialResponse')
  );
}

/** The CDK constructs rules/cdk.ts judges (an API-fronted Function needs an Integration or RestApi too). */
function cdkConstruct(source: string): boolean {
  return (
    source.includes('aws-cdk') &&
    (source.includes('Queue') ||
      source.includes('EventSource') ||
      source.includes('LambdaFunction') ||
      source.includes('EventBus') ||
      source.includes('Integration') ||
      source.includes('RestApi') ||
      (source.includes('Table') && /idempot/i.test(source)))
  );
}

/** A key field (any case, rules/idempotency.ts) set from a random call: reported in any module. */
const KEY_FIELD = /idempot|dedup|clienttoken|clientrequesttoken/i;

function randomKey(source: string): boolean {
  return (
    (source.includes('uuid') ||
      source.includes('UUID') ||
      source.includes('v4') ||
      source.includes('nanoid') ||
      source.includes('ulid') ||
      source.includes('cuid') ||
      source.includes('Id') ||
      source.includes('random') ||
      source.includes('Date.now')) &&
    KEY_FIELD.test(source)
  );
}

/**
 * Re-exports and CommonJS export objects: cheap to analyse, and what they rename must be known before the
 * project pass starts (its shortcuts read exported names). SqsEventSource: a wrapper construct others
 * build (rules/cdkWrappers.ts), which decides whether constructs built elsewhere are judged at all.
 */
function eager(source: string): boolean {
  return (
    source.includes('module.exports') ||
    source.includes('SqsEventSource') ||
    (source.includes('export') && /export\s*(?:type\s*)?[{*]/.test(source))
  );
}

/**
 * Could any rule report a candidate in this module (other than a construct built from an imported
 * SqsEventSource wrapper, which the project pass settles), or must its facts be known up front?
 * @example
 * mayReport("import axios from 'axios'"); // true
 * mayReport('export class Props {}'); // false
 */
export function mayReport(source: string): boolean {
  return (
    catchOrRetry(source) ||
    http(source) ||
    sdk(source) ||
    eager(source) ||
    cdkConstruct(source) ||
    handler(source) ||
    randomKey(source)
  );
}
