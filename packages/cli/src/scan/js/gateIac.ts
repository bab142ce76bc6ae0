// The rule gate's words for infrastructure written as code (CDK constructs, serverless.ts, SST): a module
// without any of them cannot hold a construct or a function's event list the IaC rules judge. Kept apart
// from ruleGate.ts, whose other families are about what code does at run time.

import type { SourceWords } from './SourceWords.js';
import { SST_CONSTRUCT_SOURCES } from './sstConstructs.js';

/**
 * The CDK constructs rules/cdk.ts judges, built with `new` (its only entry: the kind is the constructor's
 * name). A Function is judged only behind an API integration, a Table only when named for idempotency;
 * a construct given `lambdaFunctionProps` and `sqsEventSourceProps` may settle its handler's batch size.
 */
const CDK_NEW =
  /\bnew\s+(?:[\w$]+\s*\.\s*)*(?:Queue|SqsEventSource|CfnEventSourceMapping|EventSourceMapping|KinesisEventSource|DynamoEventSource|SnsEventSource|S3EventSource(?:V2)?|LambdaSubscription|LambdaDestination|LambdaFunction(?:Action)?|LambdaInvoke|CfnSchedule|CfnTopicRule|EventBus|LambdaIntegration|HttpLambdaIntegration|LambdaRestApi)\s*\(/;
const CDK_NEW_TABLE = /\bnew\s+(?:[\w$]+\s*\.\s*)*Table(?:V2)?\s*\(/;
// An L1 integration, or an API construct (a library's, or the project's own class, judged where it is
// built with the functions it routes: cdkApiFunctions.ts, cdkApiProps.ts) whose name says Api (or API: `AdhocReportAPI`).
// A construct keeping a function with a timeout above 29 s in a field (`this.handler = new
// NodejsFunction(...)`), which an app may hand to an API construct (cdkApiProps.ts fieldFunctions).
const FUNCTION_FIELD = /this\.[\w$]+\s*=\s*new\s+(?:[\w$]+\s*\.\s*)*\w*(?:Function|Lambda)\s*\(/;
const LONG_TIMEOUT = /timeout\s*:\s*(?:[\w$]+\.)*Duration\.(?:minutes|hours|seconds\(\s*(?:[3-9]\d|\d{3,}))/;
// An exported constant or default object: where shared function props are kept.
const EXPORTED_OBJECT = /\bexport\s+(?:const|let|default\s*\{)/;
const FALLBACK_TIMEOUT = /timeout\s*:[^,\n]*(?:\?\?|\|\|)/;
const CDK_NEW_API = /\bnew\s+(?:[\w$]+\s*\.\s*)*(?:CfnIntegration|CfnMethod|\w*(?:Api|API)\w*)\s*\(/;

const NAMED_HANDLER = /\bhandler\s*:\s*['"`](?:[\w./-]*\.)?(?!handler['"`])[\w$]+['"`]/;

export function cdkConstruct(words: SourceWords): boolean {
  const source = words.source;
  return (
    words.includes('aws-cdk') &&
    (CDK_NEW.test(source) ||
      CDK_NEW_API.test(source) ||
      (FUNCTION_FIELD.test(source) && LONG_TIMEOUT.test(source)) ||
      // shared function props exported with their timeout, spread where routed (rules/cdkSharedProps.ts).
      (words.includes('export') && LONG_TIMEOUT.test(source) && EXPORTED_OBJECT.test(source)) ||
      // a function factory's default timeout, taken where a route calls it with none (rules/cdkHelperDefaults.ts).
      (words.includes('export') && FALLBACK_TIMEOUT.test(source)) ||
      // a function's own mapping, whose batch size may settle its handler (rules/cdkBatchOne.ts).
      words.includes('addEventSourceMapping') ||
      // a function whose handler is an export other than `handler` (`handler: 'sendInvite'`, `'index.main'`):
      // module analysis takes that export for an entry only once told (js/cdkFunctionHandlers.ts).
      (words.includes('handler') && NAMED_HANDLER.test(source)) ||
      // an EventBridge target, whatever name its import is given (rules/cdkAsyncTargets.ts).
      words.includes('aws-events-targets') ||
      // an SES receipt rule's Lambda action, an asynchronous invoker (rules/cdkAsyncInvokers.ts).
      words.includes('aws-ses-actions') ||
      words.includes('aws_ses_actions') ||
      // a function's own dead-letter queue, which needs an alarm (rules/cdkFunctionDlqs.ts).
      words.includes('deadLetterQueueEnabled') ||
      // an on-failure queue built by a factory (rules/cdkDestinationDlqs.ts).
      words.includes('SqsDlq') ||
      // a project's own Queue class built here, judged by its class (rules/cdkQueueSubclasses.ts).
      (words.includes('Queue') && /\bnew\s+\w*Queue\s*\(/.test(source)) ||
      words.includes('lambda-destinations') ||
      // a function's own async-invoke configuration (rules/cdkAsyncInvokeConfig.ts).
      words.includes('configureAsyncInvoke') ||
      // aws-solutions-constructs' props (rules/cdkSolutionsConstructs.ts): a handler's batch size.
      (words.includes('sqsEventSourceProps') && words.includes('lambdaFunctionProps')) ||
      // a pattern of theirs that builds a queue and its dead-letter queue with the library's defaults, or
      // one a service invokes its function through asynchronously (rules/cdkSolutionsInvokers.ts).
      (words.includes('@aws-solutions-constructs/') &&
        /\bnew\s+(?:[\w$]+\s*\.\s*)*\w*(?:Sqs|ToLambda)\w*\s*\(/.test(source)) ||
      (words.includes('Table') && CDK_NEW_TABLE.test(source) && /idempot/i.test(source)))
  );
}

/**
 * Serverless Framework configuration in TypeScript (rules/serverlessTs.ts): a function's `events` list
 * naming an event source the IaC checks judge, or a schedule (its handler is a job), in serverless.ts or a
 * function module it imports.
 */
const SERVERLESS_EVENT =
  /\bevents\s*:\s*(?:[\w$.]+\s*\?\s*)?\[[\s\S]*?\b(?:sqs|stream|http|httpApi|websocket|eventBridge|cloudwatchEvent|cloudwatchLog|iot|sns|s3|schedule)\s*:/;

/**
 * `.subscribe('src/jobs.handler')`, `.subscribe({ handler: ... })` or a function handed over by ARN
 * (`.subscribe(worker.arn)`): not a store's `subscribe(handler)`.
 */
const SUBSCRIBE_HANDLER =
  /\.subscribe\s*\(\s*(?:['"`][^'"`]+\.\w+['"`]|\{[^}]*\bhandler\s*:|[\w$]+\.arn\s*[,)])/;

/** An exported object literal with a `handler` key: a Serverless function definition module. */
const SERVERLESS_DEFINITION = /\bexport\s+(?:default|const\s+[\w$]+[^=;]*=)\s*\{[^;]*?\bhandler\s*:/;

export function serverlessConfig(words: SourceWords): boolean {
  // SST's constructs, v2's package or v1's (js/sstConstructs.ts).
  const sst = SST_CONSTRUCT_SOURCES.some((source) => words.includes(source));
  return (
    // SST v2 queues with a consumer (rules/sstQueues.ts).
    (sst && (words.includes('consumer') || words.includes('addConsumer'))) ||
    // SST v2 event buses (rules/sstEventBus.ts).
    (sst && words.includes('EventBus')) ||
    // SST v2 topic subscribers and bucket notifications (rules/sstAsyncSubscribers.ts).
    (sst && (words.includes('ubscribers') || words.includes('otifications'))) ||
    // SST v3 buses and their subscribers (rules/sstV3Bus.ts).
    words.includes('sst.aws.Bus') ||
    // SST v3 SNS topics and their subscribers (rules/sstV3Topic.ts).
    words.includes('sst.aws.SnsTopic') ||
    // SST v3 Cron jobs (rules/sstCronJobs.ts).
    words.includes('sst.aws.Cron') ||
    // SST v3 stream subscriptions, a table's or a Kinesis stream's (rules/sstV3StreamSubscribe.ts).
    words.includes('sst.aws.Dynamo') ||
    words.includes('sst.aws.KinesisStream') ||
    // SST v3 queues, and subscribe calls on a handler string in another module (rules/sstV3QueueConcurrency.ts).
    words.includes('sst.aws.Queue') ||
    (words.includes('subscribe') && SUBSCRIBE_HANDLER.test(words.source)) ||
    // CloudFormation queue resources kept apart from a serverless.ts configuration (rules/tsResourceQueues.ts).
    words.includes('AWS::SQS::Queue') ||
    // SST v1/v2 Cron jobs (rules/sstCronJobs.ts).
    (sst && words.includes('Cron')) ||
    // SST v2 stream consumers (rules/sstStreamConsumers.ts).
    (sst && words.includes('consumers')) ||
    // SST v2 API route functions with a timeout (rules/sstApiTimeouts.ts).
    (sst && words.includes('routes') && words.includes('timeout')) ||
    // SST v2 routes running a function another stack built (`cdk: { function }`), and a stack returning
    // functions with a timeout for other stacks to route (rules/sstStackFields.ts).
    (sst && words.includes('routes') && /\bcdk\s*:\s*\{\s*function\s*:/.test(words.source)) ||
    (sst && words.includes('timeout') && words.includes('return')) ||
    // SST v3 API routes, whose functions a timeout may hold past the gateway's (rules/sstV3ApiTimeouts.ts).
    (words.includes('sst.aws.ApiGateway') && words.includes('route')) ||
    // SST v2 function defaults with a timeout, inherited by API routes (rules/sstFunctionDefaults.ts).
    (words.includes('setDefaultFunctionProps') && words.includes('timeout')) ||
    // SST queue consumers with a batch size (rules/sstBatchOne.ts).
    (words.includes('subscribe') && words.includes('batch') && words.includes('size')) ||
    (words.includes('eventSource') && words.includes('batchSize')) ||
    (words.includes('events') && words.includes('handler') && SERVERLESS_EVENT.test(words.source)) ||
    // serverless.ts whose functions are imported but whose `resources` declare queues.
    (words.includes('provider') && words.includes('functions') && /\bResources\s*:/.test(words.source)) ||
    // serverless.ts naming its imported functions, and an exported definition of one, which the project's
    // code may invoke asynchronously (rules/serverlessTsInvoked.ts).
    (words.includes('provider') && words.includes('functions') && words.includes('service')) ||
    (words.includes('handler') && SERVERLESS_DEFINITION.test(words.source))
  );
}
