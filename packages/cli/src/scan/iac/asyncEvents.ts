// Which function triggers invoke Lambda asynchronously (Lambda's async queue: two retries, then the function's
// DeadLetterQueue / on-failure destination or nothing), per the Lambda developer guide's list of services that
// invoke asynchronously: S3, SNS, EventBridge, CloudWatch Logs, IoT rules (and SES, CodeCommit, CloudFormation,
// Config, which SAM and serverless.yml write as resources, not events). API Gateway, ALB, Cognito and Alexa
// invoke synchronously; SQS, Kinesis, DynamoDB streams, MSK, MQ are polled by a mapping judged on its own.

/** SAM `Events` types whose invocation is asynchronous (a `Schedule`/`ScheduleV2` is judged apart: its next run is its retry). */
export const SAM_ASYNC_EVENTS: ReadonlySet<string> = new Set([
  'S3',
  'SNS',
  'EventBridgeRule',
  'CloudWatchEvent',
  'CloudWatchLogs',
  'IoTRule',
]);

/**
 * serverless.yml event keys whose invocation is asynchronous (serverless.com/framework/docs events: `s3`,
 * `sns`, `eventBridge` and its older name `cloudwatchEvent`, `cloudwatchLog`, `iot`); `schedule` is not.
 */
export const SERVERLESS_ASYNC_EVENTS: readonly string[] = [
  's3',
  'sns',
  'eventBridge',
  'cloudwatchEvent',
  'cloudwatchLog',
  'iot',
];

/**
 * A guard that answers true the first time it sees a function id: an async-DLQ finding sits once at the
 * function, since its DeadLetterQueue or on-failure destination is the one fix for all its async triggers.
 */
export function oncePerFunction(): (id: string) => boolean {
  const seen = new Set<string>();
  return (id) => {
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
}

/**
 * A Lambda permission's principal that invokes asynchronously, with its service in group 1. EventBridge is left
 * out on purpose: a permission cannot tell a schedule (not reported: its next run is its retry) from a pattern
 * rule. A partition's suffix (`sns.${AWS::URLSuffix}`, `s3.amazonaws.com.cn`) is accepted.
 * @example
 * ASYNC_PRINCIPAL.exec('sns.amazonaws.com')?.[1] // 'sns'
 */
export const ASYNC_PRINCIPAL =
  /\b(sns|s3|logs|iot|ses)\.(?:(?:[\w${}.-]+\.)?amazonaws\.com|\$\{AWS::URLSuffix\})/;
