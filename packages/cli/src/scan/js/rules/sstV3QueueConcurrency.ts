// iac-no-reserved-concurrency for SST v3's Queue (`new sst.aws.Queue("Jobs")`, the global `sst` of an
// `sst.config.ts` app and the infra modules it imports). Each `queue.subscribe(subscriber, args?)` builds a
// function and an SQS event source mapping for it, which scales out with the backlog unless something caps
// it: the function's `concurrency: { reserved }`, `transform.function.reservedConcurrentExecutions`, or the
// mapping's `transform.eventSourceMapping.scalingConfig.maximumConcurrency`. The finding sits at the
// subscribe call, where that cap goes. Queues are often built in one module and subscribed in another, so
// an imported receiver is judged by its export (ExportFact.sstQueue). A queue another queue dead-letters
// into (`dlq: dead.arn`) only receives what already failed elsewhere: no backlog of its own to flood with.
import { escapeRegExp } from '../../escapeRegExp.js';
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';

const RULE = 'iac-no-reserved-concurrency';
/** Where a cap is set: the subscriber's function args, or the subscribe args' event source mapping. */
const CAPS = [
  ['concurrency', 'reserved'],
  ['transform', 'function', 'reservedConcurrentExecutions'],
  ['transform', 'eventSourceMapping', 'scalingConfig', 'maximumConcurrency'],
];

/** Is there an app-wide `$transform(sst.aws.Function, fn)` here whose callback sets a function's concurrency? */
function transformCaps(ctx: ModuleContext): boolean {
  if (!ctx.spells('$transform')) return false;
  return ctx.of('CallExpression').some((call) => {
    const [target, change] = call.arguments as Node[];
    if (unwrap(call.callee)?.name !== '$transform' || change === undefined) return false;
    if (memberPath(target)?.join('.') !== 'sst.aws.Function') return false;
    return /\b(?:concurrency|reservedConcurrentExecutions)\b/.test(
      ctx.source.slice(change.start, change.end),
    );
  });
}

/** Is `node` a `new sst.aws.Queue(...)` on SST's global `sst`? */
function isV3Queue(ctx: ModuleContext, node: Node | undefined): boolean {
  if (node?.type !== 'NewExpression') return false;
  return memberPath(node.callee)?.join('.') === 'sst.aws.Queue' && ctx.isGlobal('sst', node);
}

/**
 * What an exported value is to the importers that subscribe to it: an SST v3 queue, or one that another
 * queue of its module names as its dead-letter queue (`dlq: name.arn` or `dlq: { queue: name.arn }`).
 * @example
 * sstV3QueueKind(ctx, node, 'deadLetterQueue') // 'dlq' when `new sst.aws.Queue('Jobs', { dlq: { queue: deadLetterQueue.arn } })` is beside it
 */
export function sstV3QueueKind(ctx: ModuleContext, value: Node, name: string): 'queue' | 'dlq' | undefined {
  if (!isV3Queue(ctx, value)) return undefined;
  const named = new RegExp(`\\bdlq\\s*:\\s*(?:\\{[^}]*?\\bqueue\\s*:\\s*)?${escapeRegExp(name)}\\.arn\\b`);
  return named.test(ctx.source) ? 'dlq' : 'queue';
}

/** The subscriber and its args: `subscribe(subscriber, args?)` or, in later releases, `subscribe(name, subscriber, args?)`. */
function subscribeParts(ctx: ModuleContext, call: Node): readonly (Node | undefined)[] {
  const args = (call.arguments as Node[]).map((a) => ctx.valueOf(a) ?? a);
  const named = stringValue(args[0]) !== undefined && args[1] !== undefined;
  return named ? args.slice(1, 3) : args.slice(0, 2);
}

/** Does the object set the property at `path`, or hold something unreadable (a variable, a spread) on the way? */
function sets(node: Node | undefined, path: readonly string[]): boolean {
  let at = node;
  for (const key of path) {
    const obj = objectProps(at);
    if (obj === undefined) return at !== undefined && at !== node;
    if (obj.spread) return true;
    at = obj.props.get(key);
    if (at === undefined) return false;
  }
  return true;
}

/** Is the subscription capped, or written where the scan cannot read it (a variable, a spread)? */
function capped(ctx: ModuleContext, parts: readonly (Node | undefined)[]): boolean {
  const [subscriber, args] = parts;
  if (subscriber === undefined) return true;
  if (stringValue(subscriber) === undefined && objectProps(subscriber) === undefined) return true;
  if (objectProps(subscriber)?.spread === true || (args !== undefined && objectProps(args) === undefined))
    return true;
  if (objectProps(args)?.spread === true) return true;
  const cap = (n: Node | undefined) => n !== undefined && CAPS.some((path) => sets(n, path));
  return cap(subscriber) || cap(args) || transformCaps(ctx);
}

/**
 * iac-no-reserved-concurrency at each uncapped subscribe call of an SST v3 queue built here, or imported
 * (kept by the project pass when the import is such a queue and no other queue dead-letters into it).
 * @example
 * sstV3QueueConcurrencyRules(ctx, report) // at `jobs.subscribe('src/jobs.handler')` for `const jobs = new sst.aws.Queue('Jobs')`
 */
export const sstV3QueueConcurrencyRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.spells('subscribe')) return;
  for (const call of ctx.of('CallExpression')) {
    const path = memberPath(call.callee);
    if (path?.length !== 2 || path[1] !== 'subscribe') continue;
    const receiver = (call.callee as Node).object as Node;
    if (receiver.type !== 'Identifier') continue;
    const name = receiver.name as string;
    const imp = ctx.importOf(name, receiver);
    const local = imp === undefined ? ctx.valueOf(receiver) : undefined;
    const kind = local !== undefined ? sstV3QueueKind(ctx, local, name) : undefined;
    if (imp === undefined && kind !== 'queue') continue;
    if (capped(ctx, subscribeParts(ctx, call))) continue;
    report(
      RULE,
      call,
      `subscriber of SST Queue ${name} has no concurrency.reserved or eventSourceMapping scalingConfig.maximumConcurrency: a backlog scales it out against what it calls`,
      imp !== undefined
        ? { onlyIfImportSstQueue: { from: ctx.file, source: imp.source, name: imp.imported } }
        : undefined,
    );
  }
};
