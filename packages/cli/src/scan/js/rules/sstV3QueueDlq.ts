// iac-missing-dlq for SST v3's Queue (`new sst.aws.Queue("Jobs", { dlq })`, the global `sst` of an
// `sst.config.ts` app and the modules it imports). SST v3 writes a queue's redrive policy as its `dlq`
// arg (`dlq: dead.arn` or `dlq: { queue: dead.arn, retry }`). A queue the module subscribes a function to
// (`queue.subscribe(...)`) with no `dlq` retries a message that keeps failing until retention deletes it,
// and a FIFO queue blocks that message group meanwhile. The finding sits at the queue, where the `dlq`
// goes. A queue another queue names as its `dlq` is the dead-letter queue itself, and args the scan cannot
// read (a variable it does not see, a spread) are taken as holding one, and so is a `transform` of the queue
// (`transform: { queue: { redrivePolicy } }`) or an app-wide `$transform(sst.aws.Queue, ...)` in the module.
// Whether a dead-letter queue is alarmed on is judged apart (sstV3DlqAlarms.ts).
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';
import { sstV3QueueKind } from './sstV3QueueConcurrency.js';

/** A queue's redrive set app-wide: `$transform(sst.aws.Queue, (args) => { args.dlq ??= ... })`. */
function transformsQueues(ctx: ModuleContext): boolean {
  if (!ctx.spells('$transform')) return false;
  return ctx
    .of('CallExpression')
    .some(
      (call) =>
        unwrap(call.callee)?.name === '$transform' &&
        memberPath((call.arguments as Node[])[0])?.join('.') === 'sst.aws.Queue',
    );
}

/** Does the queue's name say it is a dead-letter queue (`FailedDlq`, `dead-letters`; not `DeadlineReminders`)? */
export function deadLetterName(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2');
  return /\bdlq\b|\bdead[-_ ]?letter/i.test(words);
}

/**
 * Reports each SST v3 queue built and subscribed to in this module that has no `dlq`.
 * @example
 * sstV3QueueDlqRules(ctx, report) // at `new sst.aws.Queue('Jobs')` when `jobs.subscribe('src/jobs.handler')` follows
 */
export const sstV3QueueDlqRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.spells('subscribe') || transformsQueues(ctx)) return;
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
    if (deadLetterName(name)) continue;
    const args =
      argsNode === undefined ? { props: new Map(), spread: false } : objectProps(ctx.valueOf(argsNode));
    if (args === undefined || args.spread || args.props.has('dlq') || args.props.has('transform')) continue;
    reported.add(queue);
    report(
      'iac-missing-dlq',
      queue,
      `SST Queue ${name} is subscribed to but has no dlq: a message that keeps failing is retried until retention deletes it`,
    );
  }
};
