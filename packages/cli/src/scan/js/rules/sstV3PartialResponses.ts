// batch-no-partial-failure for an SST v3 queue subscription that does not ask Lambda to read partial batch
// responses. SST's `queue.subscribe(subscriber, { batch: { partialResponses } })` defaults partialResponses
// to false (QueueLambdaSubscriber docs), and then its event source mapping has no ReportBatchItemFailures:
// a handler that answers `{ batchItemFailures }` returns normally, Lambda takes the whole batch as done and
// deletes the records the handler named as failed. The fix is one setting on the subscription, so the
// finding sits at the subscribe call; it is kept only when the project pass finds that the subscribed
// handler answers batchItemFailures (HandlerLink `answers-nothing`): a handler that answers nothing is
// judged by its own code, where its fix starts. A subscription of one record a call (`batch: { size: 1 }`),
// one whose mapping is given `functionResponseTypes` through its `transform`, or one whose args the scan
// cannot read is left alone.
import { type Node, objectProps } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { HandlerLink } from '../ModuleFacts.js';
import { batchSizeOf } from './cdkBatchOne.js';
import { linkOfPaths } from './cdkHandlers.js';
import type { Report, Rule } from './Report.js';
import { sstAppRoot } from './sstAppRoot.js';
import { handlerString, type Subscription, sstV3Subscriptions } from './sstV3Subscriptions.js';
import { sstTransforms, transformMaySet } from './sstV3Transforms.js';

const RULE = 'batch-no-partial-failure';

/**
 * May the subscription's `transform.eventSourceMapping` set the mapping's `functionResponseTypes`? Read as
 * written, not as text (a comment or an env value naming ReportBatchItemFailures sets nothing): a callback,
 * a value the scan cannot read or a spread may set them.
 */
function mappingMayReport(ctx: ModuleContext, transform: Node): boolean {
  return transformMaySet(ctx, transform, 'eventSourceMapping', 'functionResponseTypes');
}

/**
 * Does the subscription leave partial responses off, by the args as written? Args, a `batch` or a
 * `partialResponses` the scan cannot read count as asking for them, and so does a batch of one record.
 */
function partialResponsesOff(ctx: ModuleContext, args: Node | undefined): boolean {
  if (args === undefined) return true;
  const props = objectProps(args);
  if (props === undefined || props.spread) return false;
  const transform = props.props.get('transform');
  if (transform !== undefined && mappingMayReport(ctx, transform)) return false;
  const batchNode = props.props.get('batch');
  if (batchNode === undefined) return true;
  const batch = objectProps(ctx.valueOf(batchNode) ?? batchNode);
  if (batch === undefined || batch.spread) return false;
  const size = batch.props.get('size');
  // One record a call: throwing fails exactly that record (sstBatchOne.ts); a size it cannot read may be one.
  if (size !== undefined && (batchSizeOf(ctx, size) ?? 1) === 1) return false;
  const partial = batch.props.get('partialResponses');
  if (partial === undefined) return true;
  const value = ctx.valueOf(partial) ?? partial;
  return value.type === 'Literal' && value.value === false;
}

/** The link to the subscribed handler, relative to the app's folder, kept only if it answers item failures. */
function answeringLink(ctx: ModuleContext, s: Subscription): HandlerLink | undefined {
  const handler = handlerString(ctx, s.subscriber);
  if (handler === undefined) return undefined;
  const dir = sstAppRoot(ctx.file, ctx.root);
  return linkOfPaths(ctx.file, { dir, handler: handler.replace(/^\.\//, '') }, 'answers-nothing');
}

/**
 * Reports each SST v3 queue subscription with partial responses off whose handler (settled in the project
 * pass) answers batchItemFailures.
 * @example
 * sstV3PartialResponseRules(ctx, report) // at `jobs.subscribe({ handler: 'src/jobs.handler' })` when src/jobs.ts returns { batchItemFailures }
 */
export const sstV3PartialResponseRules: Rule = (ctx: ModuleContext, report: Report) => {
  // An app-wide `$transform(aws.lambda.EventSourceMapping, ...)` here; one in sst.config.ts is read in the project pass.
  if (!ctx.spells('subscribe') || sstTransforms(ctx).includes('mapping-responses')) return;
  for (const s of sstV3Subscriptions(ctx)) {
    if (!partialResponsesOff(ctx, s.args)) continue;
    const link = answeringLink(ctx, s);
    if (link === undefined) continue;
    report(
      RULE,
      s.call,
      `subscriber of SST Queue ${s.name} answers batchItemFailures but the subscription sets no batch.partialResponses: Lambda ignores the answer and deletes the failed records with the batch`,
      {
        handlerLink: link,
        unlessSstTransform: 'mapping-responses',
        ...(s.imported !== undefined ? { onlyIfImportSstQueue: s.imported } : {}),
      },
    );
  }
};
