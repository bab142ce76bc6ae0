// SST v1/v2 constructs that wire a function to a source that delivers the same event again and reads no
// answer from it, as cdkEventWired.ts notes for CDK's own event sources: a Queue's consumer (`consumer`, or
// `queue.addConsumer(stack, consumer)`), a Table's or KinesisStream's stream consumers (`consumers`,
// `addConsumers`), a Topic's subscribers (`subscribers`, `addSubscribers`), a Bucket's notifications
// (`notifications`, `addNotifications`) and an EventBus rule's targets (`rules`, `addRules`, `subscribe`).
// Its handler runs again on a failure (the queue's or stream's redelivery, the asynchronous invoker's
// retries) and an answer, `{ statusCode: 500 }`, is a success to the invoker, so the rules that ask whether a
// handler is wired so (the answer-unread and redelivery tests) need to know it whatever its code is typed.
// The `add...` calls are read on any receiver: split stacks add them to what `use(DataStack)` hands over,
// and these method names are SST's constructs' own. The Cron's schedule is sstCronJobs.ts's. A bus
// subscription written with `{ retries: 0 }` is not delivered again by EventBridge: its answer is still
// unread, but it is not a redelivered source.
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { spellsSstConstructs, sstConstruct, sstHandlerString } from '../sstConstructs.js';
import type { Report, Rule } from './Report.js';

/** The construct prop holding one consumer, and those holding an object of them by name. */
const ONE = new Map([['Queue', 'consumer']]);
const MANY = new Map([
  ['Table', 'consumers'],
  ['KinesisStream', 'consumers'],
  ['Topic', 'subscribers'],
  ['Bucket', 'notifications'],
]);
/** The methods adding consumers: `addConsumer(scope, consumer)`, the others `(scope, { name: consumer })`. */
const ADD_MANY = new Set(['addConsumers', 'addSubscribers', 'addNotifications']);

/** `handler` when it is a handler string, `path/file.export`; a function ARN or a bare name is not. */
function asHandler(handler: string | undefined): string | undefined {
  return handler !== undefined && /^[^\s:]+\.[\w$]+$/.test(handler) ? handler : undefined;
}

/**
 * The handler string of a consumer: a string, function props, `{ function }` holding either, or a
 * `new Function(stack, id, { handler })` of SST's (directly or as `function:`), built here.
 */
function consumerHandler(ctx: ModuleContext, consumer: Node | undefined): string | undefined {
  const value = unwrap(ctx.valueOf(consumer) ?? consumer);
  if (value === undefined) return undefined;
  const written = asHandler(sstHandlerString(ctx, value));
  if (written !== undefined) return written;
  const fn = value.type === 'ObjectExpression' ? objectProps(value)?.props.get('function') : value;
  const built = unwrap(ctx.valueOf(fn) ?? fn);
  if (built?.type !== 'NewExpression' || sstConstruct(ctx, built.callee as Node)?.name !== 'Function')
    return undefined;
  return asHandler(sstHandlerString(ctx, (built.arguments as Node[])[2]));
}

/** The handler strings of an object of consumers by name (`{ project: 'src/p.main', ... }`). */
function namedHandlers(ctx: ModuleContext, consumers: Node | undefined): string[] {
  const all = objectProps(ctx.valueOf(consumers) ?? unwrap(consumers));
  return [...(all?.props.values() ?? [])].flatMap((c) => consumerHandler(ctx, c) ?? []);
}

/** The handler strings an EventBus's rules (`{ name: { pattern, targets: { name: target } } }`) target. */
function ruleHandlers(ctx: ModuleContext, rules: Node | undefined): string[] {
  const all = objectProps(ctx.valueOf(rules) ?? unwrap(rules));
  return [...(all?.props.values() ?? [])].flatMap((rule) =>
    namedHandlers(ctx, objectProps(ctx.valueOf(rule) ?? unwrap(rule))?.props.get('targets')),
  );
}

/** The handler strings a construct built here wires through its props. */
function builtHandlers(ctx: ModuleContext, node: Node): string[] {
  const name = sstConstruct(ctx, node.callee as Node)?.name;
  if (name === undefined) return [];
  const props = objectProps(ctx.valueOf((node.arguments as Node[])[2]))?.props;
  const one = ONE.get(name);
  if (one !== undefined) return [consumerHandler(ctx, props?.get(one))].flatMap((h) => h ?? []);
  const many = MANY.get(name);
  if (many !== undefined) return namedHandlers(ctx, props?.get(many));
  return name === 'EventBus' ? ruleHandlers(ctx, props?.get('rules')) : [];
}

/** The handler strings an `add...` call (or an EventBus's `subscribe(type, target)`) wires. */
function addedHandlers(ctx: ModuleContext, call: Node): string[] {
  const method = memberPath(unwrap(call.callee as Node))?.at(-1);
  const args = call.arguments as Node[];
  if (method === 'addConsumer' && args.length === 2)
    return [consumerHandler(ctx, args[1])].flatMap((h) => h ?? []);
  if (method !== undefined && ADD_MANY.has(method)) return namedHandlers(ctx, args[1]);
  if (method === 'addRules') return ruleHandlers(ctx, args[1]);
  if (method === 'subscribe' && !noRetries(ctx, args[2])) return subscribed(ctx, call);
  return [];
}

/** `bus.subscribe("order.created", target)`: only when the module builds or is handed an SST EventBus. */
function subscribed(ctx: ModuleContext, call: Node): string[] {
  const args = call.arguments as Node[];
  if (!ctx.spells('EventBus') || args.length < 2) return [];
  return [consumerHandler(ctx, args[1])].flatMap((h) => h ?? []);
}

/** Does a subscription's props (`{ retries: 0 }`) turn EventBridge's redelivery off? */
function noRetries(ctx: ModuleContext, props: Node | undefined): boolean {
  const retries = objectProps(ctx.valueOf(props) ?? unwrap(props))?.props.get('retries');
  return unwrap(ctx.valueOf(retries) ?? retries)?.value === 0;
}

/**
 * Notes, in `ctx.eventHandlers`, each handler an SST v1/v2 construct of the module wires to a queue,
 * stream, topic, bucket or event bus (in `ctx.unreadHandlers` a bus subscription EventBridge never retries).
 * @example
 * // new Queue(stack, 'jobs', { consumer: 'src/jobs.main' })                          -> 'src/jobs.main'
 * // orders.addConsumers(stack, { project: { function: { handler: 'src/p.main' } } }) -> 'src/p.main'
 */
export const sstEventWiredRules: Rule = (ctx: ModuleContext, _report: Report) => {
  // `.sst.config.<time>.mjs`: SST's own bundle of the app, left behind by a build; the stacks are the source.
  if (!spellsSstConstructs(ctx) || /(?:^|[\\/])\.sst\.config\.\d+\.mjs$/.test(ctx.file)) return;
  const found = [
    ...ctx.of('NewExpression').flatMap((node) => builtHandlers(ctx, node)),
    ...ctx.of('CallExpression').flatMap((call) => addedHandlers(ctx, call)),
  ];
  for (const h of found) ctx.eventHandlers.push(h.replace(/^\.\//, ''));
  for (const call of ctx.of('CallExpression')) {
    const once =
      memberPath(unwrap(call.callee as Node))?.at(-1) === 'subscribe' &&
      noRetries(ctx, (call.arguments as Node[])[2]);
    if (once) for (const h of subscribed(ctx, call)) ctx.unreadHandlers.push(h.replace(/^\.\//, ''));
  }
};
