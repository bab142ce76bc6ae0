// Is the queue a CloudFormation/SAM SQS event source polls a FIFO queue, and what groups does the template
// itself write to it? Lambda runs one batch per message group of a FIFO queue at a time, so a consumer whose
// producers write a fixed few groups cannot scale out with a backlog (iac-no-reserved-concurrency). An
// EventBridge rule delivering to a FIFO queue must name the group (`SqsParameters.MessageGroupId`), so a
// template that routes events to the queue shows that producer's groups; the package's code is read for its
// own sends in the project pass (fifoGroups.ts).
import type { IacExtra, Json } from './IacResult.js';
import { obj } from './IacResult.js';
import type { TemplateResource as Resource } from './queueUse.js';
import { refsIn } from './yamlDocument.js';

/** A queue resource built FIFO: `FifoQueue: true`, or a literal name ending `.fifo`. */
function fifoQueue(q: Resource | undefined): boolean {
  if (q?.type !== 'AWS::SQS::Queue') return false;
  const name = q.props.QueueName;
  return (
    q.props.FifoQueue === true ||
    q.props.FifoQueue === 'true' ||
    (typeof name === 'string' && name.endsWith('.fifo'))
  );
}

/**
 * The message group ids the template's EventBridge rules write to the queue `queueId`: `constant` when
 * at least one rule targets it and every such target names a literal group, undefined otherwise (a group
 * taken from the event, `MessageGroupId` absent, or no rule at all).
 */
function ruleGroups(queueId: string, byId: ReadonlyMap<string, Resource>): 'constant' | undefined {
  let seen = false;
  for (const r of byId.values()) {
    if (r.type !== 'AWS::Events::Rule') continue;
    for (const t of ([] as Json[]).concat((r.props.Targets as Json[] | undefined) ?? [])) {
      const target = obj(t);
      if (target === undefined || !refsIn(target.Arn).has(queueId)) continue;
      if (typeof obj(target.SqsParameters)?.MessageGroupId !== 'string') return undefined;
      seen = true;
    }
  }
  return seen ? 'constant' : undefined;
}

/**
 * The extra an SQS source's concurrency finding carries when its queue (the SAM event's `Queue`, the
 * mapping's `EventSourceArn`) is a FIFO queue of the template: dropped in the project pass when the groups
 * written to it stay constant.
 * @example
 * fifoSourceExtra({ Queue: { 'Fn::GetAtt': ['Jobs', 'Arn'] } }, byId) // Jobs FIFO, a rule writes 'jobs' -> { onlyIfMessageGroupsVary: true, fifoGroupsWritten: 'constant' }
 */
export function fifoSourceExtra(
  props: Record<string, Json>,
  byId: ReadonlyMap<string, Resource>,
): IacExtra | undefined {
  const ids = [...refsIn(props.Queue ?? props.EventSourceArn)];
  const queueId = ids.length === 1 ? ids[0] : undefined;
  if (queueId === undefined || !fifoQueue(byId.get(queueId))) return undefined;
  const written = ruleGroups(queueId, byId);
  return { onlyIfMessageGroupsVary: true, ...(written !== undefined ? { fifoGroupsWritten: written } : {}) };
}
