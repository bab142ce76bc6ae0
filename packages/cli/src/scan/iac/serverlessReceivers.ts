// Which queues of a serverless.yml's `resources` something receives from. The functions live outside
// `resources` (the Framework compiles each `sqs` event into an event source mapping), so the template's own
// reading (queueUse.ts `receivedQueues`) sees no Lambda at all and counts every queue as received. Here a
// queue is received when a function's `sqs` event polls it or an IAM statement of the service grants
// `sqs:ReceiveMessage` on it (a function that drains it itself). Anything that cannot be told (an sqs event
// or a receive grant naming a queue by a string ARN, `*`, or a role from elsewhere) answers undefined: every
// queue then counts as received, as before.
import { type Json, obj } from './IacResult.js';
import { refsIn } from './yamlDocument.js';

const RECEIVE = /^sqs:(ReceiveMessage|\*)$|^\*$/i;

/** Statements of the provider role, the older `iamRoleStatements`, and per-function ones (serverless-iam-roles-per-function). */
function statements(config: Record<string, Json>): Json[] {
  const provider = obj(config.provider) ?? {};
  const lists = [obj(obj(provider.iam)?.role)?.statements, provider.iamRoleStatements];
  for (const f of Object.values(obj(config.functions) ?? {})) lists.push(obj(f)?.iamRoleStatements);
  return lists.flatMap((l) => (Array.isArray(l) ? l : []));
}

/**
 * Logical ids of the queues the service receives from, or undefined when that cannot be told.
 * @example
 * polledQueues({ functions: { w: { events: [{ sqs: { arn: { 'Fn::GetAtt': ['Jobs', 'Arn'] } } }] } } }) // Set {'Jobs'}
 */
export function polledQueues(config: Record<string, Json>): Set<string> | undefined {
  const provider = obj(config.provider) ?? {};
  // A role made elsewhere may grant anything.
  if (typeof obj(provider.iam)?.role === 'string' || provider.role !== undefined) return undefined;
  const out = new Set<string>();
  const functions = obj(config.functions);
  if (functions === undefined) return undefined;
  for (const f of Object.values(functions)) {
    const fn = obj(f);
    // A function read from elsewhere (an unresolved include, an imported serverless.ts value) may poll anything.
    if (fn === undefined || fn.role !== undefined || (fn.events !== undefined && !Array.isArray(fn.events)))
      return undefined;
    for (const ev of Array.isArray(fn.events) ? fn.events : []) {
      const sqs = obj(ev)?.sqs;
      if (sqs === undefined) continue;
      const ids = refsIn(obj(sqs)?.arn ?? sqs);
      if (ids.size === 0) return undefined;
      for (const id of ids) out.add(id);
    }
  }
  for (const s of statements(config)) {
    const st = obj(s);
    const actions = Array.isArray(st?.Action) ? st.Action : [st?.Action];
    if (st?.Effect === 'Deny' || !actions.some((a: Json) => typeof a === 'string' && RECEIVE.test(a)))
      continue;
    const ids = refsIn(st?.Resource);
    if (ids.size === 0) return undefined;
    for (const id of ids) out.add(id);
  }
  return out;
}
