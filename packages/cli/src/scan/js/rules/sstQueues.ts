// iac-missing-dlq for SST's Queue construct (v2's `import { Queue } from "sst/constructs"`, and v1's from
// `@serverless-stack/resources`, js/sstConstructs.ts): the queue's own settings are the CDK queue props under
// `cdk.queue` (SST v1 before 1.0: `sqsQueue`), so its dead-letter queue is written
// `cdk: { queue: { deadLetterQueue: { queue, maxReceiveCount } } }`. A consumed queue with none retries a
// poison message until retention deletes it (a FIFO one blocks its message group meanwhile). A queue is
// consumed by its `consumer` prop or by `queue.addConsumer(stack, ...)` on the binding or field it is held in: SST's two
// ways of wiring the same event source. A `cdk.queue`
// that is an existing queue (`cdk: { queue: imported }`) is judged where that queue is built.
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { spellsSstConstructs, sstConstruct, v0Prop } from '../sstConstructs.js';
import type { Report, Rule } from './Report.js';

/** The value at `path` in an object literal, or undefined when a step is missing or not a literal. */
function at(ctx: ModuleContext, node: Node | undefined, path: readonly string[]): Node | undefined {
  let n = node;
  for (const key of path) n = objectProps(ctx.valueOf(n) ?? unwrap(n))?.props.get(key);
  return n;
}

/**
 * Each `new Queue(...)` of SST (v2's `sst/constructs`, v1's `@serverless-stack/resources`) a module builds,
 * with its arguments and whether it is SST v1's (whose props may keep their 0.x names); none in SST's own
 * build output.
 * @example
 * for (const { node, args } of sstQueueBuilds(ctx)) stringValue(ctx.valueOf(args[1])); // the queue's id
 */
export function* sstQueueBuilds(ctx: ModuleContext): Generator<{ node: Node; args: Node[]; v1: boolean }> {
  // `.sst.config.<time>.mjs`: SST's own bundle of the app, left behind by a build; the stacks are the source.
  if (!spellsSstConstructs(ctx) || /(?:^|[\\/])\.sst\.config\.\d+\.mjs$/.test(ctx.file)) return;
  for (const node of ctx.of('NewExpression')) {
    const construct = sstConstruct(ctx, node.callee);
    if (construct?.name === 'Queue') yield { node, args: node.arguments as Node[], v1: construct.v1 };
  }
}

/**
 * Each `addConsumer(...)` call of the module with what it is called on: the `new Queue` a local binding
 * holds (followed through its declaration, so two stack functions' `queue` locals stay apart), or the path
 * of a field (`this.offers`).
 * @example
 * [...addConsumerCalls(ctx)] // [{ call, field: 'this.jobs' }] for `this.jobs.addConsumer(this, 'src/jobs.handler')`
 */
export function* addConsumerCalls(
  ctx: ModuleContext,
): Generator<{ call: Node; built?: Node; field?: string }> {
  if (!ctx.spells('addConsumer')) return;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee as Node);
    const path = memberPath(callee);
    if (callee?.type !== 'MemberExpression' || path === undefined || path.at(-1) !== 'addConsumer') continue;
    const receiver = unwrap(callee.object as Node);
    if (receiver?.type === 'Identifier') {
      const built = unwrap(ctx.valueOf(receiver));
      if (built !== undefined) yield { call, built };
    } else if (path.length > 1) yield { call, field: path.slice(0, -1).join('.') };
  }
}

/** What the module calls `addConsumer(...)` on: built queues and field paths. */
function addedConsumers(ctx: ModuleContext): { built: ReadonlySet<Node>; fields: ReadonlySet<string> } {
  const built = new Set<Node>();
  const fields = new Set<string>();
  for (const added of addConsumerCalls(ctx)) {
    if (added.built !== undefined) built.add(added.built);
    if (added.field !== undefined) fields.add(added.field);
  }
  return { built, fields };
}

/** The field path a built queue is assigned to: `this.q = new Queue(...)`. */
export function fieldHolding(ctx: ModuleContext, node: Node): string | undefined {
  const parent = ctx.parentOf(node);
  return parent?.type === 'AssignmentExpression' ? memberPath(parent.left as Node)?.join('.') : undefined;
}

export const sstQueueRules: Rule = (ctx: ModuleContext, report: Report) => {
  const added = addedConsumers(ctx);
  for (const { node, args, v1 } of sstQueueBuilds(ctx)) {
    // `new Queue(stack, 'Q')` with no props is a queue with no settings at all.
    const props =
      args[2] === undefined ? { props: new Map(), spread: false } : objectProps(ctx.valueOf(args[2]));
    if (props === undefined || props.spread) continue;
    const field = fieldHolding(ctx, node);
    const consumed = added.built.has(node) || (field !== undefined && added.fields.has(field));
    if (!props.props.has('consumer') && !consumed) continue;
    const id = stringValue(ctx.valueOf(args[1])) ?? '';
    if (/dlq|dead/i.test(id)) continue;
    const cdk = props.props.get('cdk');
    const cdkProps = cdk !== undefined ? objectProps(ctx.valueOf(cdk)) : undefined;
    if (cdk !== undefined && (cdkProps === undefined || cdkProps.spread)) continue;
    const queue = cdkProps?.props.get('queue') ?? v0Prop(props.props, 'cdk.queue', v1);
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
