// Queues built by the registry's terraform-aws-modules/sqs module: `create_dlq = true` builds the
// dead-letter queue beside it, `redrive_policy = { maxReceiveCount = 5 }` (or a JSON string naming another
// queue's ARN) sets the redrive. Judged as an `aws_sqs_queue` is (terraform.ts): no redrive at all, or a
// redrive count above the limit (the Lambda one when a mapping of this file polls it).
import type { HclBlock } from './hcl.js';
import { literal } from './hcl.js';
import { maxReceiveExtra } from './IacResult.js';
import { hclCountLine } from './receiveCountLine.js';
import type { TfReport } from './terraform.js';

const REGISTRY_SQS = /terraform-aws-modules\/sqs\b/;

export function checkQueueModules(blocks: readonly HclBlock[], report: TfReport): void {
  const queues = blocks.filter(
    (b) => b.type === 'module' && REGISTRY_SQS.test(b.attrs.get('source')?.raw ?? ''),
  );
  for (const q of queues) {
    const ref = `module.${q.labels[0]}.`;
    const policy = q.attrs.get('redrive_policy');
    // Named for a DLQ, or named as another queue's redrive target: it is the dead-letter queue.
    const isDlq =
      /dlq|dead.?letter/i.test(`${q.labels[0]} ${literal(q.attrs.get('name')) ?? ''}`) ||
      blocks.some((b) => b !== q && (b.attrs.get('redrive_policy')?.raw.includes(ref) ?? false));
    const createsDlq = literal(q.attrs.get('create_dlq')) === 'true';
    if (policy === undefined && !createsDlq) {
      if (!isDlq)
        report(
          'iac-missing-dlq',
          q.line,
          `module.${q.labels[0]} (terraform-aws-modules/sqs) has no create_dlq or redrive_policy: a poison message is retried until retention deletes it`,
        );
      continue;
    }
    const max = /maxReceiveCount["']?\s*[=:]\s*(\d+)/.exec(policy?.raw ?? '')?.[1];
    if (max === undefined) continue;
    const byLambda = blocks.some(
      (b) =>
        (b.labels[0] === 'aws_lambda_event_source_mapping' || b.type === 'module') &&
        b !== q &&
        /event_source_arn\s*=\s*module\.[\w-]+\./.test(b.text) &&
        b.text.includes(ref),
    );
    report(
      'iac-missing-dlq',
      policy === undefined ? q.line : hclCountLine(policy),
      `module.${q.labels[0]} maxReceiveCount ${max} > {limit}${byLambda ? ' for a Lambda consumer' : ''}: poison messages churn before the DLQ`,
      maxReceiveExtra(Number(max), byLambda),
    );
  }
}
