// iac-no-reserved-concurrency for SST's Queue construct (v2's `import { Queue } from "sst/constructs"`, v1's
// from `@serverless-stack/resources`, whose 0.x `consumerProps` and `sqsQueue` are read as v2's
// `cdk.eventSource` and `cdk.queue`): a
// queue built with a `consumer` attaches an SQS event source to that function, so a backlog scales it out
// as a CDK SqsEventSource would. SST writes the consumer as a function (`consumer: fn`, a handler string, a
// function's props) or as `{ function, cdk: { eventSource } }`, where the event source's `maxConcurrency`
// caps that queue's share; the function's own `reservedConcurrentExecutions` caps it too. The finding
// sits at the queue, where the event source is made; on a FIFO queue it stays only when its producers'
// message groups vary (fifoGroups.ts), as for a CDK SqsEventSource. `queue.addConsumer(stack, consumer)` on
// a binding or field (`this.jobs`) that holds such a queue attaches the same event source, so it is judged
// the same way, at that call. Options the scan cannot read (a spread, a variable it does not see) are taken
// as holding a cap. A consumer whose function only binds or permits services that absorb any request rate
// (sstConsumerGrants.ts) has nothing behind it to flood, and is not reported.
import { type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { v0Prop } from '../sstConstructs.js';
import { functionConstruct } from './cdkHandlers.js';
import type { Report, Rule } from './Report.js';
import { absorbingGrants } from './sstConsumerGrants.js';
import { addConsumerCalls, fieldHolding, sstQueueBuilds } from './sstQueues.js';

const RULE = 'iac-no-reserved-concurrency';

/** An object literal's props, `null` when the node is there but cannot be read as one. */
function readProps(ctx: ModuleContext, node: Node | undefined): ReturnType<typeof objectProps> | null {
  if (node === undefined) return undefined;
  const props = objectProps(ctx.valueOf(node) ?? unwrap(node));
  return props === undefined || props.spread ? null : props;
}

/** Does a function definition (a handler string, a `new Function(...)`, its props) reserve concurrency? */
function functionCapped(ctx: ModuleContext, fn: Node | undefined): boolean {
  const value = unwrap(ctx.valueOf(fn) ?? fn);
  if (value === undefined) return true;
  if (stringValue(value) !== undefined) return false;
  const built = functionConstruct(ctx, value);
  const props = built !== undefined ? (built.props ?? null) : readProps(ctx, value);
  return props === null || props === undefined || props.props.has('reservedConcurrentExecutions');
}

/**
 * Is the consumer (`fn`, or `{ function, cdk: { eventSource } }`; SST v1 0.x: `{ function, consumerProps }`)
 * capped, or written out of sight?
 */
function consumerCapped(ctx: ModuleContext, consumer: Node, v1: boolean): boolean {
  const value = unwrap(ctx.valueOf(consumer) ?? consumer);
  const props = value?.type === 'ObjectExpression' ? objectProps(value) : undefined;
  if (props === undefined || !props.props.has('function')) return functionCapped(ctx, consumer);
  if (props.spread) return true;
  const cdk = readProps(ctx, props.props.get('cdk'));
  const written = cdk?.props.get('eventSource') ?? v0Prop(props.props, 'cdk.eventSource', v1);
  const source = cdk === null ? null : readProps(ctx, written);
  if (cdk === null || source === null || source?.props.has('maxConcurrency')) return true;
  return functionCapped(ctx, props.props.get('function'));
}

/** Is the queue FIFO (`cdk: { queue: { fifo: true } }` or a `.fifo` name)? Then its producers' groups may bound it. */
function fifoQueue(ctx: ModuleContext, props: ReturnType<typeof objectProps>, v1: boolean): boolean {
  const cdk = readProps(ctx, props?.props.get('cdk'));
  const written = cdk?.props.get('queue') ?? v0Prop(props?.props, 'cdk.queue', v1);
  const queue = cdk === null ? undefined : readProps(ctx, written);
  if (queue === null || queue === undefined) return false;
  const fifo = queue.props.get('fifo');
  const named = stringValue(ctx.valueOf(queue.props.get('queueName')))?.endsWith('.fifo') === true;
  return unwrap(ctx.valueOf(fifo) ?? fifo)?.value === true || named;
}

/** The props of a consumer's function: `{ function: props }`, the consumer's own props, or a `new Function`'s. */
function consumerFunctionProps(ctx: ModuleContext, consumer: Node): ReturnType<typeof objectProps> {
  const value = unwrap(ctx.valueOf(consumer) ?? consumer);
  const props = value?.type === 'ObjectExpression' ? objectProps(value) : undefined;
  const fn = props?.props.get('function') ?? consumer;
  const built = functionConstruct(ctx, fn);
  if (built !== undefined) return built.props;
  const fnValue = unwrap(ctx.valueOf(fn) ?? fn);
  return fnValue?.type === 'ObjectExpression' ? objectProps(fnValue) : undefined;
}

/** Reports an uncapped consumer of the queue built with `args`, at `at` (the queue or its addConsumer call). */
function reportUncapped(
  ctx: ModuleContext,
  report: Report,
  at: Node,
  args: Node[],
  v1: boolean,
  consumer: Node,
): void {
  const grants = absorbingGrants(ctx, consumerFunctionProps(ctx, consumer));
  if (grants?.length === 0) return;
  const props = objectProps(ctx.valueOf(args[2]));
  const id = stringValue(ctx.valueOf(args[1])) ?? '';
  report(
    RULE,
    at,
    `SST Queue ${id}'s consumer has no cdk.eventSource.maxConcurrency and its function reserves no concurrency`,
    {
      ...(fifoQueue(ctx, props, v1) ? { onlyIfMessageGroupsVary: id || true } : {}),
      ...(grants !== undefined
        ? { unlessSstFieldsAbsorb: grants.map((g) => ({ ...g.owner, field: g.field })) }
        : {}),
    },
  );
}

export const sstQueueConcurrencyRules: Rule = (ctx: ModuleContext, report: Report) => {
  const builds = new Map<Node, { args: Node[]; v1: boolean }>();
  for (const { node, args, v1 } of sstQueueBuilds(ctx)) {
    builds.set(node, { args, v1 });
    const props = objectProps(ctx.valueOf(args[2]));
    const consumer = props?.spread ? undefined : props?.props.get('consumer');
    if (consumer === undefined || consumerCapped(ctx, consumer, v1)) continue;
    reportUncapped(ctx, report, node, args, v1, consumer);
  }
  // A queue a construct keeps in a field (`this.jobs = new Queue(...)`) is found by that field's path.
  const fields = new Map<string, Node>();
  for (const build of builds.keys()) {
    const field = fieldHolding(ctx, build);
    if (field !== undefined) fields.set(field, build);
  }
  for (const { call, built, field } of addConsumerCalls(ctx)) {
    const build = builds.get(built ?? fields.get(field ?? '') ?? call);
    const consumer = (call.arguments as Node[])[1];
    if (build === undefined || consumer === undefined || consumerCapped(ctx, consumer, build.v1)) continue;
    reportUncapped(ctx, report, call, build.args, build.v1, consumer);
  }
};
