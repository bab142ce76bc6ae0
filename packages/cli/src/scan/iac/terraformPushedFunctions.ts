// Which Terraform functions are invoked with one record at a time. Only an event source mapping hands
// Lambda a batch (SQS, Kinesis, DynamoDB Streams, MQ, MSK, Kafka, DocumentDB); SNS invokes a function
// with one message (`aws_sns_topic_subscription`, protocol "lambda"), an S3 notification with the one
// object that changed (`aws_s3_bucket_notification`'s `lambda_function` blocks), an EventBridge rule with
// one event (`aws_cloudwatch_event_target`, an `aws_scheduler_schedule`'s `target`), a log subscription with
// one compressed document. A function
// fed only by these has no batch to fail partly, as SAM and serverless.yml functions whose events are all
// such sources are read.
import type { HclBlock } from './hcl.js';
import { asyncSubscribers } from './terraformAsyncInvokers.js';

// A function resource, or a function module's output (`module.fn.lambda_function_arn`).
const LAMBDA_REF = /\b(aws_lambda_function\.[\w-]+|module\.[\w-]+)\./;

/** A reference as the folder's functions are named: an `aws_lambda_function`'s label, a module as `module.x`. */
const functionName = (ref: string) => ref.replace(/^aws_lambda_function\./, '');

/**
 * The functions (by label, or `module.<name>`) that a source which never batches invokes in these blocks.
 * @example
 * pushedFunctions(resources) // ['notify'] for an aws_sns_topic_subscription { protocol = "lambda", endpoint = aws_lambda_function.notify.arn }
 */
export function pushedFunctions(resources: (type: string) => readonly HclBlock[]): string[] {
  const targets = resources('aws_cloudwatch_event_target').flatMap((t) => {
    const ref = LAMBDA_REF.exec(t.attrs.get('arn')?.raw ?? '')?.[1];
    return ref === undefined ? [] : [ref];
  });
  const scheduled = resources('aws_scheduler_schedule').flatMap((s) =>
    s.blocks.flatMap((b) => {
      const ref = b.type === 'target' ? LAMBDA_REF.exec(b.attrs.get('arn')?.raw ?? '')?.[1] : undefined;
      return ref === undefined ? [] : [ref];
    }),
  );
  return [...asyncSubscribers(resources).map((s) => s.fn), ...targets, ...scheduled].map(functionName);
}
