// The SQS queue rules of a CloudFormation template (RedrivePolicy, maxReceiveCount, DLQ alarms): kept apart so that cloudformation.ts stays a dispatcher over resource types.

import { type IacReport, maxReceiveExtra, num } from './IacResult.js';
import { templateSqsValues } from './polledQueueValues.js';
import type { TemplateResource } from './queueUse.js';
import { redrivePolicyOf } from './redrivePolicy.js';
import { refsIn } from './yamlDocument.js';

/**
 * Queues a Lambda event source polls: AWS asks for maxReceiveCount >= 5 there, so that throttled polls
 * do not send healthy messages to the DLQ.
 */
export function lambdaConsumedQueues(resources: readonly TemplateResource[]): Set<string> {
  const lambdaConsumed = new Set<string>();
  for (const value of templateSqsValues(resources)) refsIn(value, lambdaConsumed);
  return lambdaConsumed;
}

/** What the queue rules need to know about the rest of the template. */
export interface QueueContext {
  readonly dlqIds: ReadonlySet<string>;
  readonly alarmed: ReadonlySet<string>;
  /** DLQs whose alarm watches a metric SQS never publishes: why it cannot fire (templateLinks.ts). */
  readonly deafAlarms?: ReadonlyMap<string, string>;
  readonly quietDlqs: ReadonlySet<string>;
  /** Queues something in this stack receives from; undefined when that cannot be told. */
  readonly received: ReadonlySet<string> | undefined;
  readonly lambdaConsumed: ReadonlySet<string>;
  readonly exports: ReadonlyMap<string, string[]>;
  /** DLQs a function of the stack drains (drainedDlqs.ts): work queues too, which need a redrive policy. */
  readonly drained: ReadonlySet<string>;
  /** Queues nothing can send to (templateLinks.ts): a DLQ only by its name holds nothing to alarm on. */
  readonly unnamed: ReadonlySet<string>;
}

/** Checks one AWS::SQS::Queue: its redrive policy, its maxReceiveCount, and an alarm when it is a DLQ. */
export function checkQueue(
  r: TemplateResource,
  at: (r: TemplateResource, ...path: (string | number)[]) => (string | number)[],
  report: IacReport,
  {
    dlqIds,
    alarmed,
    deafAlarms,
    quietDlqs,
    received,
    lambdaConsumed,
    exports,
    drained,
    unnamed,
  }: QueueContext,
): void {
  const redrive = redrivePolicyOf(r.props.RedrivePolicy);
  const isDlq = dlqIds.has(r.id) || /dlq|dead.?letter/i.test(`${r.id} ${r.props.QueueName ?? ''}`);
  if (redrive === undefined) {
    if (drained.has(r.id))
      report(
        'iac-missing-dlq',
        at(r),
        `dead-letter queue ${r.id} is also drained by a function of this stack and has no RedrivePolicy: a message the drainer keeps failing is received again until retention deletes it`,
      );
    else if (!isDlq && (received === undefined || received.has(r.id)))
      report(
        'iac-missing-dlq',
        at(r),
        `queue ${r.id} has no RedrivePolicy: a poison message is retried until retention deletes it`,
      );
  } else {
    const max = num(redrive.maxReceiveCount);
    if (max !== undefined)
      report(
        'iac-missing-dlq',
        // At the count, where its fix goes; a policy written as a JSON string falls back to the policy's line.
        at(r, 'Properties', 'RedrivePolicy', 'maxReceiveCount'),
        `queue ${r.id} maxReceiveCount ${max} > {limit}${lambdaConsumed.has(r.id) ? ' for a Lambda consumer' : ''}: poison messages churn ${max} times before the DLQ`,
        maxReceiveExtra(max, lambdaConsumed.has(r.id)),
      );
  }
  const exported = exports.get(r.id);
  if (isDlq && !alarmed.has(r.id) && !quietDlqs.has(r.id) && !unnamed.has(r.id))
    report(
      'iac-missing-dlq',
      at(r),
      deafAlarms?.has(r.id) === true
        ? `dead-letter queue ${r.id} has no working CloudWatch alarm: ${deafAlarms.get(r.id)}, so failed messages pile up unnoticed`
        : `dead-letter queue ${r.id} has no CloudWatch alarm: failed messages pile up unnoticed`,
      exported !== undefined ? { exportedDlq: exported } : undefined,
    );
}
