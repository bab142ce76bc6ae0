// iac-no-reserved-concurrency for a CDK queue consumer wired by a mapping construct rather than an
// `SqsEventSource`: `new lambda.EventSourceMapping(this, id, { eventSourceArn: queue.queueArn, target: fn })`
// or `fn.addEventSourceMapping(id, { eventSourceArn: queue.queueArn })`. Lambda polls the queue the same
// way and scales the consumer out on a backlog the same way, so the same caps settle it: `maxConcurrency`
// on the mapping, `reservedConcurrentExecutions` on the function, or nothing behind the function to flood
// (cdkFloodTargets.ts). What marks a queue is the source the code names, an SQS construct's `queueArn`:
// a stream's mapping (`streamArn`, `tableStreamArn`, a `startingPosition`) scales by shard, not backlog.
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { addedMappings } from './cdkAddedMappings.js';
import { cdkConstruct } from './cdkConstructName.js';
import { fifoSource } from './cdkFifoSources.js';
import { nothingToFloodInCdk } from './cdkFloodTargets.js';
import { builtElsewhere } from './cdkFunctionElsewhere.js';
import { fieldConstruct, functionConstruct, handlerLink } from './cdkHandlers.js';
import { factoryCapped } from './cdkSelfConsumers.js';
import { spreadKeys } from './cdkSpreadProps.js';
import { builtProps, wrappedFunction } from './cdkWrappedFunctions.js';
import type { Report } from './Report.js';

/** The queue whose `queueArn` the mapping polls (`eventSourceArn: queue.queueArn`), if it names one. */
function polledQueue(ctx: ModuleContext, arn: Node | undefined): Node | undefined {
  const n = unwrap(ctx.valueOf(unwrap(arn)) ?? arn);
  return n?.type === 'MemberExpression' && memberPath(n)?.at(-1) === 'queueArn'
    ? (n.object as Node)
    : undefined;
}

/**
 * How a CDK function fed by an SQS source with no `maxConcurrency` stands: `capped` (its props reserve
 * concurrency, spread props may, or its factory caps it; a wrapper construct's field is read through the
 * wrapper's props and the option objects they nest), `elsewhere` (handed in: whoever builds it sets
 * its concurrency), `idle` (nothing behind it to flood), else `uncapped` with the handler to link.
 *
 * @example
 * consumerCap(ctx, worker) // new Function(this, 'W', { reservedConcurrentExecutions: 5 }) -> { kind: 'capped' }
 */
export function consumerCap(
  ctx: ModuleContext,
  fnExpr: Node | undefined,
): { kind: 'capped' | 'elsewhere' | 'idle' } | { kind: 'uncapped'; link: ReturnType<typeof handlerLink> } {
  // A stack often keeps its worker in a class field (`this.worker = new NodejsFunction(...)`): read its props too.
  const built =
    functionConstruct(ctx, fnExpr) ?? (fnExpr === undefined ? undefined : fieldConstruct(ctx, fnExpr));
  const fnProps = built?.props;
  // Spread props may reserve concurrency, unless each spread is read here: a project helper's defaults, a
  // local literal, or a choice between literals (`...(props.memorySize ? { memorySize } : {})`, both
  // branches' keys). Only an opaque spread (a caller's props, a call's result) keeps the benefit of the doubt.
  const spreadCaps =
    fnProps?.spread === true &&
    spreadKeys(ctx, (built?.node.arguments as Node[] | undefined)?.[2])?.has(
      'reservedConcurrentExecutions',
    ) !== false;
  if (spreadCaps || fnProps?.props.has('reservedConcurrentExecutions') || factoryCapped(ctx, fnExpr))
    return { kind: 'capped' };
  const wrapped = fnProps === undefined ? wrappedFunction(ctx, fnExpr) : undefined;
  const wrappedProps = wrapped === undefined ? undefined : builtProps(ctx, wrapped);
  if (wrappedProps?.unknown || wrappedProps?.props.has('reservedConcurrentExecutions'))
    return { kind: 'capped' };
  if (fnProps === undefined && builtElsewhere(ctx, fnExpr)) return { kind: 'elsewhere' };
  if (nothingToFloodInCdk(ctx, memberPath(fnExpr)?.join('.'), fnProps)) return { kind: 'idle' };
  return { kind: 'uncapped', link: handlerLink(ctx, fnExpr, 'no-work') };
}

function judge(
  ctx: ModuleContext,
  at: Node,
  options: Node | undefined,
  fnExpr: Node | undefined,
  report: Report,
): void {
  const props = objectProps(ctx.valueOf(options));
  // Options the scan cannot read may hold the cap, as for an event source's.
  if (props === undefined || props.spread || props.props.has('maxConcurrency')) return;
  if (props.props.has('startingPosition')) return;
  const queue = polledQueue(ctx, props.props.get('eventSourceArn'));
  if (queue === undefined || fnExpr === undefined) return;
  const cap = consumerCap(ctx, fnExpr);
  if (cap.kind !== 'uncapped') return;
  const link = cap.link;
  report(
    'iac-no-reserved-concurrency',
    at,
    'SQS event source mapping without maxConcurrency on a function without reserved concurrency: a backlog scales out without limit',
    { ...(link !== undefined ? { handlerLink: link } : {}), ...fifoSource(ctx, queue) },
  );
}

/**
 * Reports each CDK mapping construct, or `addEventSourceMapping` call, that polls an SQS queue with no cap
 * on the mapping or the function, into a function with something behind it to flood.
 * @example
 * uncappedQueueMappings(ctx, report)
 * // new lambda.EventSourceMapping(this, 'M', { eventSourceArn: queue.queueArn, target: worker }) -> reported at the `new`
 * // worker.addEventSourceMapping('M', { eventSourceArn: queue.queueArn, maxConcurrency: 5 })   -> not reported
 */
export function uncappedQueueMappings(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('EventSourceMapping') || !ctx.spells('queueArn')) return;
  for (const node of ctx.of('NewExpression')) {
    if (cdkConstruct(ctx, node) !== 'EventSourceMapping') continue;
    const options = (node.arguments as Node[])[2];
    judge(ctx, node, options, objectProps(ctx.valueOf(options))?.props.get('target'), report);
  }
  for (const { call, fn, options } of addedMappings(ctx)) judge(ctx, call, options, fn, report);
}
