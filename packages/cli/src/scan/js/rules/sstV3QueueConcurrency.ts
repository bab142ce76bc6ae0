// iac-no-reserved-concurrency for SST v3's Queue (`new sst.aws.Queue("Jobs")`, the global `sst` of an
// `sst.config.ts` app and the infra modules it imports). Each `queue.subscribe(subscriber, args?)` builds
// an SQS event source mapping for its function (one it builds from the args, or one handed over by ARN,
// `queue.subscribe(worker.arn)`), which scales out with the backlog unless something caps it: the
// function's `concurrency: { reserved }`, `transform.function.reservedConcurrentExecutions`, or the
// mapping's `transform.eventSourceMapping.scalingConfig.maximumConcurrency`. The finding sits at the
// subscribe call, where that cap goes. Queues are often built in one module and subscribed in another, so
// an imported receiver is judged by its export (ExportFact.sstQueue). A queue another queue dead-letters
// into (`dlq: dead.arn`) only receives what already failed elsewhere: no backlog of its own to flood with.
// An app-wide `$transform(sst.aws.Function, ...)` setting a concurrency caps every subscriber, whichever
// module of the app it is written in (rules/sstV3Transforms.ts).
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';
import { type Subscription, sstV3Subscriptions } from './sstV3Subscriptions.js';
import { sstTransforms } from './sstV3Transforms.js';

const RULE = 'iac-no-reserved-concurrency';
/** Where a cap is set: the subscriber's function args, or the subscribe args' event source mapping. */
const CAPS = [
  ['concurrency', 'reserved'],
  ['transform', 'function', 'reservedConcurrentExecutions'],
  ['transform', 'eventSourceMapping', 'scalingConfig', 'maximumConcurrency'],
];

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

/**
 * The args of the function a subscriber hands over by ARN (`worker.arn` for `const worker = new
 * sst.aws.Function('Worker', args)` here), which is where its cap goes; undefined for any other subscriber.
 */
function handedFunctionArgs(ctx: ModuleContext, subscriber: Node | undefined): Node | undefined {
  const path = memberPath(subscriber);
  if (path?.length !== 2 || path[1] !== 'arn') return undefined;
  const owner = unwrap((unwrap(subscriber) as Node).object as Node) as Node;
  if (ctx.importOf(path[0] as string, owner) !== undefined) return undefined;
  const fn = unwrap(ctx.valueOf(owner));
  if (fn?.type !== 'NewExpression' || memberPath(fn.callee)?.join('.') !== 'sst.aws.Function')
    return undefined;
  if (!ctx.isGlobal('sst', fn)) return undefined;
  const args = (fn.arguments as Node[])[1];
  return args === undefined ? undefined : (ctx.valueOf(args) ?? args);
}

/** Is the subscription capped, or written where the scan cannot read it (a variable, a spread)? */
function capped(ctx: ModuleContext, { subscriber: given, args }: Subscription): boolean {
  const subscriber = handedFunctionArgs(ctx, given) ?? given;
  if (subscriber === undefined) return true;
  if (stringValue(subscriber) === undefined && objectProps(subscriber) === undefined) return true;
  if (objectProps(subscriber)?.spread === true || (args !== undefined && objectProps(args) === undefined))
    return true;
  if (objectProps(args)?.spread === true) return true;
  const cap = (n: Node | undefined) => n !== undefined && CAPS.some((path) => sets(n, path));
  return cap(subscriber) || cap(args);
}

/**
 * iac-no-reserved-concurrency at each uncapped subscribe call of an SST v3 queue built here, or imported
 * (kept by the project pass when the import is such a queue and no other queue dead-letters into it).
 * @example
 * sstV3QueueConcurrencyRules(ctx, report) // at `jobs.subscribe('src/jobs.handler')` for `const jobs = new sst.aws.Queue('Jobs')`
 */
export const sstV3QueueConcurrencyRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.spells('subscribe') || sstTransforms(ctx).includes('function-cap')) return;
  for (const s of sstV3Subscriptions(ctx)) {
    if (s.queue !== undefined && s.queue.kind !== 'queue') continue;
    if (capped(ctx, s)) continue;
    report(
      RULE,
      s.call,
      `subscriber of SST Queue ${s.name} has no concurrency.reserved or eventSourceMapping scalingConfig.maximumConcurrency: a backlog scales it out against what it calls`,
      {
        unlessSstTransform: 'function-cap',
        ...(s.imported !== undefined ? { onlyIfImportSstQueue: s.imported } : {}),
      },
    );
  }
};
