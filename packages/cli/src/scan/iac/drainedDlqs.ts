// Dead-letter queues a function of the same stack drains: its environment names the queue (its URL,
// name or ARN) and its role may receive from it (`sqs:ReceiveMessage`, or `sqs:*`, granted on the queue
// or on every resource). Such a queue is a work queue as well as a DLQ (a drainer re-sending its messages,
// as Sumo Logic's DLQ processor does every five minutes): a message the drainer keeps failing is received
// again and again until retention deletes it, unless the queue has a redrive policy of its own. The role's
// grants are read as floodTargets.ts reads them (inline, managed, and attached `AWS::IAM::Policy`).

import { rolePolicies } from './floodTargets.js';
import { type Json, obj } from './IacResult.js';
import type { TemplateResource } from './queueUse.js';
import { refsIn } from './yamlDocument.js';

const RECEIVE = /^sqs:(ReceiveMessage|\*)$/i;

/** The statements of a role's inline policies, or of a SAM function's own `Policies`. */
function statementsOf(policies: Json): Json[] {
  const out: Json[] = [];
  for (const p of Array.isArray(policies) ? policies : [policies]) {
    const doc = obj(obj(p)?.PolicyDocument) ?? obj(p);
    const s = doc?.Statement;
    if (s !== undefined) out.push(...(Array.isArray(s) ? s : [s]));
  }
  return out;
}

/** Queue ids (or `*`) the statements let a principal receive from. */
function receivable(statements: readonly Json[]): Set<string> {
  const out = new Set<string>();
  for (const s of statements) {
    const st = obj(s);
    const actions = [st?.Action].flat();
    if (st?.Effect === 'Deny' || !actions.some((a) => typeof a === 'string' && RECEIVE.test(a))) continue;
    const resources = [st?.Resource].flat();
    if (resources.includes('*')) out.add('*');
    refsIn(st?.Resource, out);
  }
  return out;
}

/**
 * DLQs (of `dlqIds`) that a function of the stack is handed in its environment and may receive from.
 * @example
 * drainedDlqs(resources, new Set(['DeadLetterQueue'])) // Set { 'DeadLetterQueue' } when ProcessDLQ gets TASK_QUEUE_URL and sqs:ReceiveMessage on it
 */
export function drainedDlqs(
  resources: readonly TemplateResource[],
  dlqIds: ReadonlySet<string>,
): Set<string> {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const out = new Set<string>();
  for (const r of resources) {
    if (r.type !== 'AWS::Lambda::Function' && r.type !== 'AWS::Serverless::Function') continue;
    const named = refsIn(obj(r.props.Environment)?.Variables);
    const queues = [...named].filter((id) => dlqIds.has(id));
    if (queues.length === 0) continue;
    // The role's inline policies, its managed ones of this template and the policies attached to it (a
    // CDK role's grants live in its DefaultPolicy).
    const grants = receivable([
      ...statementsOf(r.props.Policies ?? []),
      ...statementsOf((rolePolicies(r, byId) ?? []) as Json[]),
    ]);
    // SAM's policy template for a queue poller names its queue.
    for (const p of [r.props.Policies ?? []].flat()) refsIn(obj(p)?.SQSPollerPolicy, grants);
    for (const id of queues) if (grants.has(id) || grants.has('*')) out.add(id);
  }
  return out;
}
