// How a module groups the messages it sends to FIFO queues. Lambda runs at most one batch per message group
// of a FIFO queue at a time, so a consumer whose producers all write a constant `MessageGroupId` (one group,
// or the few constants they name) cannot scale out with a backlog: its concurrency is bounded already
// (iac-no-reserved-concurrency). A group id read from the message (a customer, an issue) makes as many
// groups as there are values, and a backlog fans out again.
import { type Node, objectProps, propertyName, stringValue, unwrap } from './ast.js';
import { boundedGroup } from './boundedGroups.js';
import { envVariable } from './envVariable.js';
import type { ModuleContext } from './ModuleContext.js';
import { isSstModule } from './sstConstructs.js';

/** Property names of the group id: the SDK's and the camel-cased ones of wrappers (`messageGroupId`). */
const GROUP_KEYS = new Set(['MessageGroupId', 'messageGroupId']);

/** Does the text write a message group id at all (the cheap gate before the parse is asked)? */
export const writesMessageGroups = (text: string): boolean => /\bmessageGroupId\s*[:,}]/i.test(text);

/** A string fixed when the module is written: a literal, a template with no expression, a constant naming one. */
function constantString(ctx: ModuleContext, node: Node | undefined): boolean {
  const v = unwrap(ctx.valueOf(node) ?? node);
  if (v?.type === 'Literal') return typeof v.value === 'string';
  return v?.type === 'TemplateLiteral' && (v.expressions as Node[]).length === 0;
}

type Groups = 'constant' | 'varying';

/** The `QueueUrl` written beside a group id, or in an object around it (a batch entry's command). */
function queueUrlNear(ctx: ModuleContext, group: Node): Node | undefined {
  for (let n = ctx.parentOf(group); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type !== 'ObjectExpression') continue;
    const url = objectProps(n)?.props.get('QueueUrl');
    if (url !== undefined) return unwrap(url);
  }
  return undefined;
}

/**
 * The SST queue a `QueueUrl` names: `Queue.UsageQueue.queueUrl` or `Queue['usage-queue'].queueUrl` of
 * `sst/node/queue` (SST v1: `@serverless-stack/node/queue`). Undefined for any other queue URL (a variable, an environment value).
 */
function sstQueueOf(ctx: ModuleContext, v: Node | undefined): string | undefined {
  if (v?.type !== 'MemberExpression' || propertyName(v.property as Node, false) !== 'queueUrl')
    return undefined;
  const queue = unwrap(v.object as Node);
  if (queue?.type !== 'MemberExpression') return undefined;
  const root = unwrap(queue.object as Node);
  const imp = root?.type === 'Identifier' ? ctx.importOf(root.name as string, root) : undefined;
  if (!isSstModule(imp?.source, 'sst/node/queue')) return undefined;
  return (
    propertyName(queue.property as Node, queue.computed as boolean) ?? stringValue(queue.property as Node)
  );
}

/**
 * How the module's message group ids are written: `constant` when every one is a constant or one of a fixed
 * few values it keeps it to (js/boundedGroups.ts: `(index++ % 10).toString()`), `varying` when one is not;
 * `any` for writes to a queue the scan cannot name, `sstQueues` by the SST v2 queue they name, `envQueues`
 * by the environment variable their `QueueUrl` reads (`process.env.EXPORT_QUEUE_URL`), wherever that is. Undefined
 * when the module writes none.
 * @example
 * messageGroupsOf(ctx) // `MessageGroupId: MESSAGE_GROUP_ID` of `const MESSAGE_GROUP_ID = 'cost-requests'` -> { any: 'constant' }
 * messageGroupsOf(ctx) // `{ QueueUrl: Queue.UsageQueue.queueUrl, ... MessageGroupId: w.id }` -> { sstQueues: { UsageQueue: 'varying' } }
 */
export function messageGroupsOf(
  ctx: ModuleContext,
): { any?: Groups; sstQueues?: Record<string, Groups>; envQueues?: Record<string, Groups> } | undefined {
  if (!writesMessageGroups(ctx.source)) return undefined;
  let any: Groups | undefined;
  const sstQueues: Record<string, Groups> = {};
  const envQueues: Record<string, Groups> = {};
  for (const p of ctx.of('Property')) {
    if (!GROUP_KEYS.has(propertyName(p.key as Node, p.computed as boolean) ?? '')) continue;
    const kind: Groups =
      constantString(ctx, p.value as Node) || boundedGroup(ctx, p.value as Node) ? 'constant' : 'varying';
    const url = queueUrlNear(ctx, p);
    const queue = sstQueueOf(ctx, url);
    if (queue === undefined) any = any === 'varying' ? any : kind;
    else sstQueues[queue] = sstQueues[queue] === 'varying' ? 'varying' : kind;
    const env = envVariable(ctx, url);
    if (env !== undefined) envQueues[env] = envQueues[env] === 'varying' ? 'varying' : kind;
  }
  if (any === undefined && Object.keys(sstQueues).length === 0) return undefined;
  return {
    ...(any !== undefined ? { any } : {}),
    ...(Object.keys(sstQueues).length > 0 ? { sstQueues } : {}),
    ...(Object.keys(envQueues).length > 0 ? { envQueues } : {}),
  };
}
