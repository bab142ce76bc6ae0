// retry-unbounded for a dead-letter re-driver: a function that receives from a dead-letter queue and sends
// each message back to a work queue. The work queue's redrive policy counts receives afresh for the new
// message, so a message that can never succeed goes round (work queue, DLQ, back) for as long as the
// re-driver runs: a retry with no bound, spread over days. Not reported when the message carries state of
// its own across the rounds (MessageAttributes on the send, or a read of ApproximateReceiveCount), which
// is how a re-driver counts and stops. Only a send of what the DLQ receive gave is a re-drive (redriveFlow.ts):
// a module that reads a DLQ also defers its own work, queues new work and sweeps outboxes.
import { type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { carriesDeadLetter, dlqNames } from './redriveFlow.js';
import type { RetrySite } from './retryLibraries.js';

const DEAD_LETTER = /dlq|dead[-_]?letter|deadletter/i;
const RECEIVES = new Set(['ReceiveMessageCommand', 'receiveMessage']);
const SENDS = new Set(['SendMessageCommand', 'SendMessageBatchCommand', 'sendMessage', 'sendMessageBatch']);

/** The SQS operation a call or `new` stands for, and its input: `new SendMessageCommand(input)`, `sqs.sendMessage(input)`. */
function sqsOperation(node: Node): { name: string; input: Node | undefined } | undefined {
  const callee = unwrap(node.callee);
  const name =
    callee?.type === 'Identifier'
      ? (callee.name as string)
      : callee?.type === 'MemberExpression' && !callee.computed
        ? (callee.property?.name as string | undefined)
        : undefined;
  if (name === undefined || (!RECEIVES.has(name) && !SENDS.has(name))) return undefined;
  return { name, input: (node.arguments as Node[])[0] };
}

/** The text the input's QueueUrl stands for: the expression and, for a name, what it was set to. */
function queueText(ctx: ModuleContext, input: Node | undefined): string | undefined {
  const url = objectProps(ctx.valueOf(input))?.props.get('QueueUrl');
  if (url === undefined) return undefined;
  const value = ctx.valueOf(url);
  const text = (n: Node | undefined) => (n === undefined ? '' : ctx.source.slice(n.start, n.end));
  return `${text(url)} ${value !== url ? text(value) : ''}`;
}

/**
 * Sends of a module that re-drives a dead-letter queue into a work queue with no count of rounds.
 * @example
 * redriveSites(ctx); // [{ node: <new SendMessageCommand(...)>, unbounded: '...' }] for a daily DLQ re-driver
 */
export function redriveSites(ctx: ModuleContext): RetrySite[] {
  if (ctx.handlers.size === 0 || !DEAD_LETTER.test(ctx.source) || ctx.spells('ApproximateReceiveCount'))
    return [];
  const ops = [...ctx.of('NewExpression'), ...ctx.of('CallExpression')]
    .map((node) => ({ node, op: sqsOperation(node) }))
    .filter((o) => o.op !== undefined);
  const flows = ops
    .filter((o) => RECEIVES.has(o.op?.name ?? '') && DEAD_LETTER.test(queueText(ctx, o.op?.input) ?? ''))
    .map((o) => dlqNames(ctx, o.node));
  if (flows.length === 0) return [];
  const sites: RetrySite[] = [];
  for (const { node, op } of ops) {
    if (op === undefined || !SENDS.has(op.name)) continue;
    const queue = queueText(ctx, op.input);
    if (queue === undefined || DEAD_LETTER.test(queue)) continue;
    const input = ctx.valueOf(op.input);
    if (input === undefined || ctx.source.slice(input.start, input.end).includes('MessageAttributes'))
      continue;
    // Only a send of what the DLQ gave is a re-drive (not a deferral, new work, or a bounded retry).
    const sent = `${op.input ? ctx.source.slice(op.input.start, op.input.end) : ''} ${ctx.source.slice(input.start, input.end)}`;
    if (!flows.some((flow) => carriesDeadLetter(ctx, node, flow, sent))) continue;
    sites.push({
      node,
      label: 'dead-letter re-drive',
      noBreaker: true,
      unbounded:
        'messages taken from the dead-letter queue are sent back to the work queue with no count of how often each already went round: one that can never succeed cycles between the queues for as long as this runs; carry an attempt count (a message attribute) and park the message after a few rounds',
    });
  }
  return sites;
}
