// iac-missing-dlq for a queue the code creates at run time (a queue per tenant or per subscription):
// `new CreateQueueCommand({ QueueName, Attributes })`, `sqs.createQueue({ QueueName })`, or a project
// helper taking the same input (`createQueue({ QueueName, Attributes: { VisibilityTimeout: '60' } })`).
// With no `RedrivePolicy` a message that keeps failing is received again every visibility timeout until
// retention deletes it. Narrow on purpose: only in a module that also hands the queue to a consumer (an
// event source mapping) or receives from it, and that writes no `RedrivePolicy` anywhere (a module that
// does may set it later with SetQueueAttributes, or create a dead-letter queue for another queue). A queue
// named for a DLQ is one.
import { type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { Rule } from './Report.js';

const CREATES = new Set(['CreateQueueCommand', 'createQueue']);
/** The module hands the queue to a consumer, or consumes it itself. */
const CONSUMES =
  /\b(?:CreateEventSourceMappingCommand|createEventSourceMapping|ReceiveMessageCommand|receiveMessage)\b/;
const DEAD_LETTER = /dlq|dead[-_]?letter|deadletter/i;

/** The name `new X(...)` or `x.y(...)` / `y(...)` calls. */
function calleeName(node: Node): string | undefined {
  const callee = unwrap(node.callee);
  if (callee?.type === 'Identifier') return callee.name as string;
  if (callee?.type === 'MemberExpression' && !callee.computed)
    return callee.property?.name as string | undefined;
  return undefined;
}

/** Reports each run-time queue creation with no redrive policy in a module that wires the queue to a consumer. */
export const sdkQueueRules: Rule = (ctx, report) => {
  const src = ctx.source;
  if (!ctx.spells('QueueName') || !CONSUMES.test(src)) return;
  // A RedrivePolicy written as a key anywhere in the module (a comment's mention is no setting).
  if (
    ctx.spells('RedrivePolicy') &&
    ctx.of('Property').some((p) => propertyName(p.key as Node, p.computed as boolean) === 'RedrivePolicy')
  )
    return;
  for (const node of [...ctx.of('NewExpression'), ...ctx.of('CallExpression')]) {
    const name = calleeName(node);
    if (name === undefined || !CREATES.has(name)) continue;
    // `new CreateQueueCommand(input)` is a command; a call named createQueue is the v2 client or a helper.
    if ((node.type === 'NewExpression') !== (name === 'CreateQueueCommand')) continue;
    const input = objectProps(ctx.valueOf((node.arguments as Node[])[0]));
    const queueName = input?.props.get('QueueName');
    if (input === undefined || input.spread || queueName === undefined) continue;
    const named = ctx.valueOf(queueName) ?? queueName;
    if (DEAD_LETTER.test(src.slice(named.start, named.end))) continue;
    report(
      'iac-missing-dlq',
      node,
      'queue created at run time with no RedrivePolicy, for a consumer this code wires to it: a message that keeps failing is received again every visibility timeout until retention deletes it',
    );
  }
};
