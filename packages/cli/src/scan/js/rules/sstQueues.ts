// iac-missing-dlq for SST v2's Queue construct (`import { Queue } from "sst/constructs"`): the queue's own
// settings are the CDK queue props under `cdk.queue`, so its dead-letter queue is written
// `cdk: { queue: { deadLetterQueue: { queue, maxReceiveCount } } }`. A consumed queue with none retries a
// poison message until retention deletes it (a FIFO one blocks its message group meanwhile). A queue is
// consumed by its `consumer` prop or by `queue.addConsumer(stack, ...)` on the name it is held in: SST's two
// ways of wiring the same event source. A `cdk.queue`
// that is an existing queue (`cdk: { queue: imported }`) is judged where that queue is built.
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';

/** The value at `path` in an object literal, or undefined when a step is missing or not a literal. */
function at(ctx: ModuleContext, node: Node | undefined, path: readonly string[]): Node | undefined {
  let n = node;
  for (const key of path) n = objectProps(ctx.valueOf(n) ?? unwrap(n))?.props.get(key);
  return n;
}

/**
 * Each `new Queue(...)` of SST v2 (`sst/constructs`) a module builds, with its arguments; none in SST's own
 * build output.
 * @example
 * for (const { node, args } of sstQueueBuilds(ctx)) stringValue(ctx.valueOf(args[1])); // the queue's id
 */
export function* sstQueueBuilds(ctx: ModuleContext): Generator<{ node: Node; args: Node[] }> {
  // `.sst.config.<time>.mjs`: SST's own bundle of the app, left behind by a build; the stacks are the source.
  if (!ctx.source.includes('sst/constructs') || /(?:^|[\\/])\.sst\.config\.\d+\.mjs$/.test(ctx.file)) return;
  for (const node of ctx.of('NewExpression')) {
    const imp = ctx.importRoot(node.callee);
    if (imp?.source === 'sst/constructs' && imp.imported === 'Queue')
      yield { node, args: node.arguments as Node[] };
  }
}

/** The names (`offers`, `this.offers`) whose `addConsumer(...)` the module calls. */
function addedConsumerNames(ctx: ModuleContext): ReadonlySet<string> {
  const out = new Set<string>();
  if (!ctx.source.includes('addConsumer')) return out;
  for (const call of ctx.of('CallExpression')) {
    const path = memberPath(unwrap(call.callee as Node));
    if (path !== undefined && path.length > 1 && path.at(-1) === 'addConsumer')
      out.add(path.slice(0, -1).join('.'));
  }
  return out;
}

/** The name a built queue is held in: `const q = new Queue(...)`, `this.q = new Queue(...)`. */
function heldIn(ctx: ModuleContext, node: Node): string | undefined {
  const parent = ctx.parentOf(node);
  if (parent?.type === 'VariableDeclarator' && (parent.id as Node).type === 'Identifier')
    return (parent.id as Node).name as string;
  if (parent?.type === 'AssignmentExpression') return memberPath(parent.left as Node)?.join('.');
  return undefined;
}

export const sstQueueRules: Rule = (ctx: ModuleContext, report: Report) => {
  const added = addedConsumerNames(ctx);
  for (const { node, args } of sstQueueBuilds(ctx)) {
    // `new Queue(stack, 'Q')` with no props is a queue with no settings at all.
    const props =
      args[2] === undefined ? { props: new Map(), spread: false } : objectProps(ctx.valueOf(args[2]));
    if (props === undefined || props.spread) continue;
    const name = heldIn(ctx, node);
    if (!props.props.has('consumer') && !(name !== undefined && added.has(name))) continue;
    const id = stringValue(ctx.valueOf(args[1])) ?? '';
    if (/dlq|dead/i.test(id)) continue;
    const cdk = props.props.get('cdk');
    const cdkProps = cdk !== undefined ? objectProps(ctx.valueOf(cdk)) : undefined;
    if (cdk !== undefined && (cdkProps === undefined || cdkProps.spread)) continue;
    const queue = cdkProps?.props.get('queue');
    const queueProps = queue !== undefined ? objectProps(ctx.valueOf(queue)) : undefined;
    if (queue !== undefined && (queueProps === undefined || queueProps.spread)) continue;
    if (at(ctx, queue, ['deadLetterQueue']) !== undefined) continue;
    report(
      'iac-missing-dlq',
      node,
      `SST Queue ${id} has no cdk.queue.deadLetterQueue: a poison message is retried until retention deletes it`,
    );
  }
};
