// iac-missing-dlq for SST v3's Queue (`new sst.aws.Queue("Jobs", { dlq })`, the global `sst` of an
// `sst.config.ts` app and the modules it imports). SST v3 writes a queue's redrive policy as its `dlq`
// arg (`dlq: dead.arn` or `dlq: { queue: dead.arn, retry }`). A queue the app subscribes a function to
// (`queue.subscribe(...)`) with no `dlq` retries a message that keeps failing until retention deletes it,
// and a FIFO queue blocks that message group meanwhile. The finding sits at the queue, where the `dlq`
// goes: a queue subscribed here is judged here; an exported queue is kept by the project pass only when
// some importer subscribes it (ModuleFacts.sstSubscribed). A queue another queue names as its `dlq` is the
// dead-letter queue itself, and args the scan cannot read (a variable it does not see, a spread) are taken
// as holding one, and so is a `transform` of the queue that may set one (`transform: { queue: { redrivePolicy } }`,
// a callback; not one that only sets retention, `transform: { queue: { messageRetentionSeconds } }`) or an
// app-wide `$transform(sst.aws.Queue, ...)` setting one, here or in another module of the app.
// Whether a dead-letter queue is alarmed on is judged apart (sstV3DlqAlarms.ts).
import { type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';
import { sstV3QueueKind, sstV3Subscriptions, stagedQueue } from './sstV3Subscriptions.js';
import { sstTransforms, transformMaySet } from './sstV3Transforms.js';

/** Does the queue's name say it is a dead-letter queue (`FailedDlq`, `dead-letters`; not `DeadlineReminders`)? */
export function deadLetterName(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2');
  return /\bdlq\b|\bdead[-_ ]?letter/i.test(words);
}

/** The queue's name when its args hold no `dlq` the scan can see; undefined when it has one or may. */
function missingDlq(ctx: ModuleContext, queue: Node): string | undefined {
  const [nameArg, argsNode] = queue.arguments as Node[];
  const name = stringValue(ctx.valueOf(nameArg)) ?? '';
  if (deadLetterName(name)) return undefined;
  const args =
    argsNode === undefined ? { props: new Map(), spread: false } : objectProps(ctx.valueOf(argsNode));
  if (args === undefined || args.spread || args.props.has('dlq')) return undefined;
  const transform = args.props.get('transform');
  if (transform !== undefined && transformMayRedrive(ctx, transform)) return undefined;
  return name;
}

/**
 * Can the queue's `transform` set a redrive policy? Only `transform.queue` reaches the SQS queue's
 * `redrivePolicy`; a `queue` object the scan reads in full that sets none (an app's shared retention
 * setting, `{ queue: { messageRetentionSeconds } }`) leaves the queue with no dlq. A callback, a variable
 * it cannot read or a spread may set one.
 */
function transformMayRedrive(ctx: ModuleContext, transform: Node): boolean {
  return transformMaySet(ctx, transform, 'queue', 'redrivePolicy');
}

const message = (name: string) =>
  `SST Queue ${name} is subscribed to but has no dlq: a message that keeps failing is retried until retention deletes it`;

/**
 * Reports each SST v3 queue built here with no `dlq` that this module, or an importer, subscribes to.
 * @example
 * sstV3QueueDlqRules(ctx, report) // at `new sst.aws.Queue('Jobs')` when `jobs.subscribe('src/jobs.handler')` follows
 */
export const sstV3QueueDlqRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.spells('sst.aws.Queue') || sstTransforms(ctx).includes('queue-dlq')) return;
  const reported = new Set<Node>();
  const appWide = { unlessSstTransform: 'queue-dlq' as const };
  for (const { queue } of sstV3Subscriptions(ctx)) {
    if (queue === undefined || queue.kind !== 'queue' || reported.has(queue.node)) continue;
    const name = missingDlq(ctx, queue.node);
    if (name === undefined) continue;
    reported.add(queue.node);
    report('iac-missing-dlq', queue.node, message(name), appWide);
  }
  // Exported queues this module does not subscribe: an importer may (infra/queues.ts + infra/functions.ts).
  for (const [exported, value] of ctx.exports) {
    const node = stagedQueue(ctx.valueOf(value) ?? value);
    if (node === undefined || reported.has(node)) continue;
    // `const dead = new sst.aws.Queue(...); export { dead as parked }`: the module's queues name it `dead.arn`.
    const declarator = ctx.parentOf(node);
    const id = declarator?.type === 'VariableDeclarator' ? unwrap(declarator.id as Node) : undefined;
    const local = id?.type === 'Identifier' ? (id.name as string) : exported;
    if (sstV3QueueKind(ctx, node, local) !== 'queue') continue;
    const name = missingDlq(ctx, node);
    if (name === undefined) continue;
    reported.add(node);
    report('iac-missing-dlq', node, message(name), { ...appWide, onlyIfExportSubscribed: exported });
  }
};
