// iac-missing-dlq for deliveries a CloudFormation template makes to something that can refuse them, outside
// a function's own asynchronous queue (cloudformation.ts judges Lambda targets):
// - an EventBridge rule target that is another account's event bus or an API destination (an HTTP
//   endpoint): EventBridge retries a refused or failed delivery for up to 24 hours (RetryPolicy) and then
//   drops the event unless the target has a `DeadLetterConfig` (EventBridge user guide, "Event retry policy
//   and using dead-letter queues"). A bus of the same account accepts what its policy allows: not asked.
// - an EventBridge Pipe reading a DynamoDB or Kinesis stream (`SourceParameters.DynamoDBStreamParameters`
//   / `KinesisStreamParameters`): a batch the target keeps failing is retried until the records expire
//   (MaximumRetryAttempts, MaximumRecordAgeInSeconds) and is then dropped unless the source parameters name
//   a `DeadLetterConfig`. An SQS source's DLQ is the queue's redrive policy, judged on the queue.
import { type IacReport, obj } from './IacResult.js';
import type { TemplateResource } from './queueUse.js';
import { refsIn } from './yamlDocument.js';

/** A bus ARN with a literal 12-digit account: not the stack's own `${AWS::AccountId}`. */
const FOREIGN_BUS = /:\d{12}:event-bus\//;

/** Does a rule target's `Arn` name a delivery that can be refused: another account's bus, an API destination? */
function refusable(arn: unknown, byId: ReadonlyMap<string, TemplateResource>): string | undefined {
  if ([...refsIn(arn)].some((id) => byId.get(id)?.type === 'AWS::Events::ApiDestination'))
    return 'an API destination';
  const text = JSON.stringify(arn ?? '');
  if (/:api-destination\//.test(text)) return 'an API destination';
  if (FOREIGN_BUS.test(text)) return "another account's event bus";
  return undefined;
}

/**
 * Reports rule targets and pipes of `resources` whose failed deliveries are dropped with no DLQ; `at` is
 * the document path of a resource (and a path inside it).
 * @example
 * checkDeliveryTargets(resources, byId, at, report) // a Pipe from a table stream with no DeadLetterConfig -> reported
 */
export function checkDeliveryTargets(
  resources: readonly TemplateResource[],
  byId: ReadonlyMap<string, TemplateResource>,
  at: (r: TemplateResource, ...path: (string | number)[]) => (string | number)[],
  report: IacReport,
): void {
  for (const r of resources) {
    if (r.type === 'AWS::Events::Rule') {
      const targets = Array.isArray(r.props.Targets) ? r.props.Targets : [];
      targets.forEach((t, i) => {
        const target = obj(t);
        const kind = refusable(target?.Arn, byId);
        if (kind !== undefined && target?.DeadLetterConfig === undefined)
          report(
            'iac-missing-dlq',
            at(r, 'Properties', 'Targets', i),
            `rule ${r.id} delivers to ${kind} with no DeadLetterConfig: events refused after EventBridge's retries are dropped`,
          );
      });
    }
    if (r.type === 'AWS::Pipes::Pipe') {
      const source = obj(r.props.SourceParameters);
      const stream = obj(source?.DynamoDBStreamParameters) ?? obj(source?.KinesisStreamParameters);
      if (stream !== undefined && stream.DeadLetterConfig === undefined)
        report(
          'iac-missing-dlq',
          at(r),
          `pipe ${r.id} reads a stream with no DeadLetterConfig: a batch its target keeps failing blocks the shard until the records expire, then is dropped`,
        );
    }
  }
}
