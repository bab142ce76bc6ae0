// iac-missing-dlq for SST v3's Queue (`new sst.aws.Queue("Jobs", { dlq })`, the global `sst` of an
// `sst.config.ts` app and the modules it imports). SST v3 writes a queue's redrive policy as its `dlq`
// arg (`dlq: dead.arn` or `dlq: { queue: dead.arn, retry }`). A queue the module subscribes a function to
// (`queue.subscribe(...)`) with no `dlq` retries a message that keeps failing until retention deletes it,
// and a FIFO queue blocks that message group meanwhile. The finding sits at the queue, where the `dlq`
// goes. A queue another queue names as its `dlq` is the dead-letter queue itself, and args the scan cannot
// read (a variable it does not see, a spread) are taken as holding one. That dead-letter queue fills up
// unseen unless something alarms on it: one that no CloudWatch alarm of its module names is reported too.
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';
import { sstV3QueueKind } from './sstV3QueueConcurrency.js';

/**
 * Reports each SST v3 queue built and subscribed to in this module that has no `dlq`.
 * @example
 * sstV3QueueDlqRules(ctx, report) // at `new sst.aws.Queue('Jobs')` when `jobs.subscribe('src/jobs.handler')` follows
 */
/** Reports each SST v3 queue another queue of this module dead-letters into, when no alarm here names it. */
function unalarmedDeadLetters(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('dlq')) return;
  for (const node of ctx.of('NewExpression')) {
    const parent = ctx.parentOf(node);
    const id = parent?.type === 'VariableDeclarator' ? (parent.id as Node) : undefined;
    if (id?.type !== 'Identifier' || sstV3QueueKind(ctx, node, id.name as string) !== 'dlq') continue;
    const alarmed = new RegExp(`Alarm[\\s\\S]*\\b${id.name as string}\\.`).test(ctx.source);
    if (alarmed) continue;
    const name = stringValue(ctx.valueOf((node.arguments as Node[])[0])) ?? (id.name as string);
    report(
      'iac-missing-dlq',
      node,
      `SST Queue ${name} is a dead-letter queue nothing alarms on: failed messages pile up unseen until retention deletes them`,
    );
  }
}

export const sstV3QueueDlqRules: Rule = (ctx: ModuleContext, report: Report) => {
  unalarmedDeadLetters(ctx, report);
  if (!ctx.spells('subscribe')) return;
  const reported = new Set<Node>();
  for (const call of ctx.of('CallExpression')) {
    const path = memberPath(call.callee);
    if (path?.length !== 2 || path[1] !== 'subscribe') continue;
    const receiver = unwrap((call.callee as Node).object as Node);
    if (receiver?.type !== 'Identifier' || ctx.importOf(receiver.name as string, receiver) !== undefined)
      continue;
    const queue = unwrap(ctx.valueOf(receiver));
    if (queue === undefined || reported.has(queue)) continue;
    if (sstV3QueueKind(ctx, queue, receiver.name as string) !== 'queue') continue;
    const [nameArg, argsNode] = queue.arguments as Node[];
    const name = stringValue(ctx.valueOf(nameArg)) ?? '';
    if (/dlq|dead/i.test(name)) continue;
    const args =
      argsNode === undefined ? { props: new Map(), spread: false } : objectProps(ctx.valueOf(argsNode));
    if (args === undefined || args.spread || args.props.has('dlq')) continue;
    reported.add(queue);
    report(
      'iac-missing-dlq',
      queue,
      `SST Queue ${name} is subscribed to but has no dlq: a message that keeps failing is retried until retention deletes it`,
    );
  }
};
