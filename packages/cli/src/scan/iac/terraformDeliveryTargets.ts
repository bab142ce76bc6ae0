// iac-missing-dlq for Terraform deliveries that can be refused outside a function's own asynchronous queue,
// as cfnDeliveryTargets.ts judges templates: an `aws_cloudwatch_event_target` whose `arn` is another
// account's event bus or an API destination (`aws_cloudwatch_event_api_destination`) with no
// `dead_letter_config`, and an `aws_pipes_pipe` reading a DynamoDB or Kinesis stream whose
// `source_parameters` name no `dead_letter_config`.
import type { HclBlock } from './hcl.js';
import type { TfReport } from './terraform.js';

/** What a target's `arn` delivers to, when that delivery can be refused. */
function refusable(arn: string): string | undefined {
  if (/\baws_cloudwatch_event_api_destination\.|:api-destination\//.test(arn)) return 'an API destination';
  if (/:\d{12}:event-bus\//.test(arn)) return "another account's event bus";
  return undefined;
}

/**
 * Reports the file's refusable rule targets and stream pipes that have no dead-letter queue.
 * @example
 * checkTerraformDeliveryTargets(resources, report) // aws_pipes_pipe from a table stream, no dead_letter_config -> reported
 */
export function checkTerraformDeliveryTargets(resources: readonly HclBlock[], report: TfReport): void {
  const sub = (b: HclBlock | undefined, type: string) => b?.blocks.find((x) => x.type === type);
  for (const r of resources) {
    if (r.labels[0] === 'aws_cloudwatch_event_target') {
      const kind = refusable(r.attrs.get('arn')?.raw ?? '');
      if (kind !== undefined && sub(r, 'dead_letter_config') === undefined)
        report(
          'iac-missing-dlq',
          r.line,
          `aws_cloudwatch_event_target.${r.labels[1]} delivers to ${kind} with no dead_letter_config: events refused after EventBridge's retries are dropped`,
        );
    }
    if (r.labels[0] === 'aws_pipes_pipe') {
      const source = sub(r, 'source_parameters');
      const stream = sub(source, 'dynamodb_stream_parameters') ?? sub(source, 'kinesis_stream_parameters');
      if (stream !== undefined && sub(stream, 'dead_letter_config') === undefined)
        report(
          'iac-missing-dlq',
          r.line,
          `aws_pipes_pipe.${r.labels[1]} reads a stream with no dead_letter_config: a batch its target keeps failing blocks the shard until the records expire, then is dropped`,
        );
    }
  }
}
