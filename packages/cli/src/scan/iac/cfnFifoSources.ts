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

/** Resources that name a queue without writing to it, or whose writes are the code's (read in fifoGroups.ts). */
const NOT_PRODUCERS =
  /^(AWS::(SQS::Queue(Policy)?|SQS::QueueInlinePolicy|Lambda::(EventSourceMapping|Function|Permission)|Serverless::Function|CloudWatch::Alarm|IAM::\w+|SSM::Parameter|Events::Rule))$/;

/**
 * The other producers the template declares for `queueId` (a Pipe, an API Gateway SQS integration, an SNS
 * subscription, a state machine): `literal` when every one is a Pipe naming a literal group, `varying`
 * otherwise (their group is taken from the request or the event), undefined when there is none.
 */
function otherProducers(
  queueId: string,
  byId: ReadonlyMap<string, Resource>,
): 'literal' | 'varying' | undefined {
  let out: 'literal' | 'varying' | undefined;
  for (const r of byId.values()) {
    if (r.id === queueId || NOT_PRODUCERS.test(r.type) || !refsIn(r.props).has(queueId)) continue;
    const group = obj(obj(r.props.TargetParameters)?.SqsQueueParameters)?.MessageGroupId;
    const literal = r.type === 'AWS::Pipes::Pipe' && typeof group === 'string' && !group.startsWith('$');
    if (!literal) return 'varying';
    out = 'literal';
  }
  return out;
}

/**
 * The folders, relative to the template, holding the code it deploys: every SAM function's `CodeUri` (or
 * the Globals one) and the template's own folder. A template's constant rule groups settle its FIFO
 * consumer only when that code writes no varying group (fifoGroups.ts), whatever package it sits in.
 */
function codeDirs(byId: ReadonlyMap<string, Resource>, globals: Record<string, Json>): string[] {
  const dirs = new Set(['.']);
  const shared = globals.CodeUri;
  for (const r of byId.values()) {
    if (r.type !== 'AWS::Serverless::Function') continue;
    const uri = r.props.CodeUri ?? shared;
    if (typeof uri === 'string' && !/^s3:\/\//.test(uri)) dirs.add(uri.replace(/\/+$/, '') || '.');
  }
  return [...dirs];
}

/**
 * The extra an SQS source's concurrency finding carries when its queue (the SAM event's `Queue`, the
 * mapping's `EventSourceArn`) is a FIFO queue of the template: dropped in the project pass when the groups
 * written to it stay constant. A producer of the template that writes a group from the request or event
 * keeps it whatever the code writes.
 * @example
 * fifoSourceExtra({ Queue: { 'Fn::GetAtt': ['Jobs', 'Arn'] } }, byId) // Jobs FIFO, a rule writes 'jobs' -> { onlyIfMessageGroupsVary: true, fifoGroupsWritten: 'constant', fifoCodeDirs: ['.'] }
 */
export function fifoSourceExtra(
  props: Record<string, Json>,
  byId: ReadonlyMap<string, Resource>,
  globals: Record<string, Json> = {},
): IacExtra | undefined {
  const ids = [...refsIn(props.Queue ?? props.EventSourceArn)];
  const queueId = ids.length === 1 ? ids[0] : undefined;
  if (queueId === undefined || !fifoQueue(byId.get(queueId))) return undefined;
  const others = otherProducers(queueId, byId);
  if (others === 'varying') return undefined;
  // Rule groups say nothing of a Pipe's: with one, only the code's writes can settle it (no fifoGroupsWritten).
  const written = others === undefined ? ruleGroups(queueId, byId) : undefined;
  return {
    onlyIfMessageGroupsVary: true,
    ...(written !== undefined ? { fifoGroupsWritten: written, fifoCodeDirs: codeDirs(byId, globals) } : {}),
  };
}
