// Does a module's handler run under redelivery: can the same event reach it twice? Queue and stream
// consumers are redelivered (a failed batch, a visibility timeout, a shard retry); EventBridge rules, SNS
// subscriptions and S3 notifications invoke asynchronously, and Lambda retries a failed invocation twice.
// This is the one answer the idempotency rules (random-id-nondeterministic, insert-no-upsert) ask, in the
// handler's module and, through the module fact `consumer` (eventCallers.ts reachedBy), in the service and
// repository modules such a handler calls. It is read from the code alone: how the handler is typed or
// wrapped and which event fields it reads, so it holds whatever construct or template wires the function.
//
// Not redelivered here: API Gateway, ALB, function URLs and Cognito triggers answer a caller, who retries
// (or not) with a request of its own; a signed webhook is the exception, its sender redelivers the same
// event. A Step Functions task is retried by the state machine, whose labelled tasks build their ids
// before anything is written. A schedule counts as before (`ScheduledEvent`), but only by its type: a
// handler that selects its own work each run is read as a job elsewhere.
import type { ModuleContext } from './ModuleContext.js';
import { testSpelled } from './SourceWords.js';

/**
 * aws-lambda's types for the events that arrive more than once: the event, the handler type, and one record
 * of a batch (a record handler's parameter: `(record: SQSRecord) =>`).
 */
const EVENT_TYPES =
  /\b(SQS(Event|Handler|Record)|SNS(Event|Handler|EventRecord|Message)|S3(Event|Handler|EventRecord)|EventBridge(Event|Handler)|ScheduledEvent|DynamoDBStream(Event|Handler)|DynamoDBRecord|Kinesis(Stream)?(Event|Handler|Record)|KinesisStreamRecord)\b/;

/** Amazon MQ (ActiveMQ `event.messages`, RabbitMQ `rmqMessagesByQueue`) and Kafka (MSK, self-managed) batches. */
const BROKER_EVENT =
  /\b(AmazonM[qQ]\w*Event|ActiveMQEvent|RabbitMQEvent|MSKEvent|MSKHandler|SelfManagedKafkaEvent)\b|\brmqMessagesByQueue\b/;

/**
 * What wraps or parses such an event: middy's SQS/event middlewares (`sqsPartialBatchFailure`,
 * `sqsJsonBodyParser`, `eventNormalizer`, which unwraps S3/SNS/SQS/stream records), Powertools' batch
 * processors, and Powertools parser schemas and envelopes for these sources.
 */
const EVENT_TOOLING =
  /\b(sqsPartialBatchFailure\w*|sqsJsonBodyParser|eventNormalizer\w*|BatchProcessor|SqsFifoPartialProcessor\w*|processPartialResponse(Sync)?|(Sqs|Sns|SnsSqs|EventBridge|S3|DynamoDBStream|KinesisDataStream|Kinesis)(Schema|Envelope))\b|@middy\/(sqs-|event-normalizer)/;

/**
 * Untyped code that reads the event's shape: an EventBridge `event.detail` / `event['detail-type']`, or
 * `Records` (member, or destructured by its own name: `const { Records } = event`) of an S3, SNS, SQS or
 * stream event. A `{ Records: rows }` object built for a Kinesis or Firehose put is no event read.
 */
const EVENT_SHAPE =
  /\b(event|evt)\s*(\.\s*detail\b|\[\s*['"]detail(-type)?['"]\s*\])|\.Records\b|(\(|\b(const|let|var))\s*\{\s*Records\s*[,}]/;

/**
 * A webhook whose sender signs it and redelivers it until it is acknowledged: Stripe retries for three
 * days, GitHub, Shopify, Svix (Clerk, Resend), Twilio, Paddle and Slack retry too. Recognised by the
 * signature it verifies: the SDK's check or the signature header it reads.
 */
const SIGNED_WEBHOOK =
  /\bwebhooks\s*\.\s*constructEvent(Async)?\b|['"](stripe-signature|x-hub-signature(-256)?|x-shopify-hmac-sha256|svix-signature|webhook-signature|x-twilio-signature|paddle-signature|x-slack-signature)['"]|\bfrom\s+['"](svix|@octokit\/webhooks)['"]/i;

/**
 * Is a handler of this module invoked again with an event it already received?
 * @example
 * // export const handler = async (event: SQSEvent) => { ... }                         -> true
 * // exports.handler = async (event) => { for (const { s3 } of event.Records) ... }    -> true
 * // export const handler = middy(main).use(sqsPartialBatchFailure())                -> true
 * // export const handler = async (event: APIGatewayProxyEvent) => { ... }            -> false
 */
export function redelivered(ctx: ModuleContext): boolean {
  let answer = answers.get(ctx);
  if (answer === undefined) {
    answer = redeliveredHandler(ctx);
    answers.set(ctx, answer);
  }
  return answer;
}

/**
 * Answers per module: three callers (the idempotency rules, the consumer fact, the module's facts) ask
 * of the same module, and each answer was five whole-text searches. A module's handlers are found when its
 * context is built, so the answer cannot change afterwards.
 */
const answers = new WeakMap<ModuleContext, boolean>();

function redeliveredHandler(ctx: ModuleContext): boolean {
  if (ctx.batchHandlers.size > 0) return true;
  const kinds = [...ctx.handlers.values()];
  if (kinds.includes('record')) return true;
  const source = ctx.source;
  // A long-running sqs-consumer worker's `handleMessage` (handlerDiscovery.ts): the message returns
  // to the queue when it throws.
  if (!kinds.includes('entry')) return kinds.length > 0 && /['"]sqs-consumer['"]/.test(source);
  // Each expression is asked only where one of its words is spelled (SourceWords testSpelled).
  return (
    testSpelled(EVENT_TYPES, source, [
      'SQS',
      'SNS',
      'S3Event',
      'S3Handler',
      'EventBridge',
      'ScheduledEvent',
      'DynamoDB',
      'Kinesis',
    ]) ||
    testSpelled(BROKER_EVENT, source, [
      'AmazonM',
      'ActiveMQEvent',
      'RabbitMQEvent',
      'MSKEvent',
      'MSKHandler',
      'SelfManagedKafkaEvent',
      'rmqMessagesByQueue',
    ]) ||
    testSpelled(EVENT_TOOLING, source, [
      'sqsPartialBatchFailure',
      'sqsJsonBodyParser',
      'eventNormalizer',
      'BatchProcessor',
      'SqsFifoPartialProcessor',
      'processPartialResponse',
      'Schema',
      'Envelope',
      '@middy/',
    ]) ||
    testSpelled(EVENT_SHAPE, source, ['detail', 'Records']) ||
    testSpelled(SIGNED_WEBHOOK, source, ['constructEvent', 'signature', 'hmac', 'svix', 'webhooks'])
  );
}
