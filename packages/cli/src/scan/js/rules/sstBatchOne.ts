// SST's queue consumers, whose batch size settles their handler's batch-no-partial-failure finding as a
// template's would (one record a call: throwing fails exactly that record). SST names the handler by a
// string relative to the app, and writes the batch size in its own shape:
//   v3 (sst.config.ts): queue.subscribe("src/sub.handler", { batch: { size: 1 } })
//                       queue.subscribe({ handler: "src/sub.handler" }, { batch: { size: 1 } })
//   v2 (stacks/*.ts):   new Queue(stack, id, { consumer: { function: "src/c.main", cdk: { eventSource: { batchSize: 1 } } } })
//                       queue.addConsumer(stack, { function: { handler: "src/c.main" }, cdk: { eventSource: { batchSize: 1 } } })
//                       queue.addConsumer(stack, { function: new Function(stack, id, { handler: "src/c.main" }), cdk: ... })
//   v1 0.x:             new sst.Queue(this, id, { consumer: { function: "src/c.main", consumerProps: { batchSize: 1 } } })
// Only the batch size is read here: a consumer at SST's default of 10 is left to the handler's own finding.
import { memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { spellsSstV1, v0Prop } from '../sstConstructs.js';
import { batchSizeOf } from './cdkBatchOne.js';
import type { Rule } from './Report.js';
import { handlerString } from './sstV3Subscriptions.js';

/** The value at `path` in an object literal (`{ batch: { size: 1 } }`, path `batch.size`). */
function at(ctx: ModuleContext, node: Node | undefined, path: readonly string[]): Node | undefined {
  let n = node;
  for (const key of path) n = objectProps(ctx.valueOf(n) ?? unwrap(n))?.props.get(key);
  return n;
}

/**
 * A v2 consumer (`{ function, cdk: { eventSource: { batchSize } } }`; SST v1 0.x: `{ function, consumerProps }`)
 * of batch size 1: its handler.
 */
function v2Consumer(ctx: ModuleContext, consumer: Node | undefined, v1: boolean): string | undefined {
  const props = objectProps(ctx.valueOf(consumer) ?? unwrap(consumer))?.props;
  const source = at(ctx, consumer, ['cdk', 'eventSource']) ?? v0Prop(props, 'cdk.eventSource', v1);
  if (batchSizeOf(ctx, at(ctx, source, ['batchSize'])) !== 1) return undefined;
  return handlerString(ctx, constructProps(ctx, at(ctx, consumer, ['function'])));
}

/**
 * The props of a function built in place as the consumer's `function` (`new Function(stack, 'fnMigrate',
 * { handler: 'src/migrate.handler' })`, SST v2's own construct, its props last), or the node itself.
 */
function constructProps(ctx: ModuleContext, fn: Node | undefined): Node | undefined {
  const n = unwrap(ctx.valueOf(fn) ?? fn);
  if (n?.type !== 'NewExpression' || memberPath(n.callee as Node)?.at(-1) !== 'Function') return fn;
  return (n.arguments as Node[]).at(-1);
}

export const sstBatchOneRules: Rule = (ctx) => {
  const v3 = ctx.spells('subscribe') && ctx.spells('size');
  const v1 = spellsSstV1(ctx);
  if (!v3 && !((ctx.spells('eventSource') || (v1 && ctx.spells('consumerProps'))) && ctx.spells('batchSize')))
    return;
  const found: (string | undefined)[] = [];
  for (const call of ctx.of('CallExpression')) {
    const method = memberPath(unwrap(call.callee as Node))?.at(-1);
    const args = call.arguments as Node[];
    if (method === 'subscribe' && batchSizeOf(ctx, at(ctx, args[1], ['batch', 'size'])) === 1)
      found.push(handlerString(ctx, args[0]));
    else if (method === 'addConsumer') found.push(v2Consumer(ctx, args[1], v1));
  }
  for (const p of ctx.of('Property'))
    if (propertyName(p.key as Node, p.computed as boolean) === 'consumer')
      found.push(v2Consumer(ctx, p.value, v1));
  // Relative to the app's folder: matched against the end of a module's path, as a template's handler is.
  for (const h of found) if (h?.includes('.')) ctx.batchOneHandlers.push(h.replace(/^\.\//, ''));
};
