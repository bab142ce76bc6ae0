// Rules about code on a Lambda handler's path: partial batch failures, Promise.all over records,
// work left running after return, random idempotency keys, plain inserts in
// at-least-once consumers, and breakers whose state lives in one instance.

import { calleeName, memberPath, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import { exportsMethod } from '../classMethods.js';
import { codeText } from '../codeText.js';
import { takesOwnHandlersEvent } from '../eventTakers.js';
import { exportBranches } from '../exportBranches.js';
import { madeByFactory } from '../handlerDiscovery.js';
import { doesWork, worksPerRecord } from '../handlerFacts.js';
import type { ModuleContext } from '../ModuleContext.js';
import { asyncListenerRule } from './asyncListeners.js';
import { batchImportConditions } from './batchAnswerHelpers.js';
import { reportFailureAwait } from './batchCatchAwaits.js';
import { eventDecoders } from './batchDecoders.js';
import { recordsOnlyGathered } from './batchGatheredRecords.js';
import { identifierField } from './batchIdOrigins.js';
import { wrongFailures } from './batchIds.js';
import { middyPartialBatch, powertoolsProcessors } from './batchLibraries.js';
import { localBatchDelegate } from './batchLocalDelegates.js';
import { reportLoopReturn } from './batchLoopReturns.js';
import { deletesSucceeded, parksEveryFailure } from './batchOwnAnswers.js';
import { wholeBatchRetryDecided } from './batchRetryDecisions.js';
import { settlesRecordsOutOfView } from './batchSettledRecords.js';
import { sharedBatchFunctions } from './batchShared.js';
import { singleRecordHelpers } from './batchSingleHelpers.js';
import { handsEventOn, readsOnlyFirstRecord, refusesBatches } from './batchSingleRecord.js';
import { answersForCaller, onlyConverts } from './batchTransforms.js';
import { consoleRule } from './consoleLogging.js';
import { floatingRule } from './floating.js';
import { handRolledBreakers } from './handRolledBreakers.js';
import { idempotencyRules } from './idempotency.js';
import { middyNextChains } from './middyNextChains.js';
import { promiseAllRule } from './promiseAll.js';
import type { Extra, Report, Rule } from './Report.js';
import { cannotFailRecord } from './recordSafe.js';
import { decodesOnly, returnsProjectCall, throwsForRecord } from './recordThrows.js';
import { routeAnswerPromises } from './routeAnswerPromises.js';

/**
 * Every name under which the module exports a handler function: a handler is often exported bare for its
 * tests and again wrapped for Lambda (`export const handler = middy(lambdaHandler)`), and the template may
 * name either.
 */
export function exportNamesOf(ctx: ModuleContext, fn: Node): string[] {
  const names: string[] = [];
  // Either branch of a flag-chosen export (`flag ? datadog(work) : work`) is what Lambda may run.
  const reaches = (value: Node): boolean =>
    value === fn ||
    (value.type === 'Identifier' && ctx.functionOf(value) === fn) ||
    (value.type === 'CallExpression' &&
      someDescendant(value, (n) => n === fn || (n.type === 'Identifier' && ctx.functionOf(n) === fn))) ||
    madeByFactory(ctx, value, fn) ||
    exportsMethod(ctx, value, fn);
  for (const [name, value] of ctx.exports) if (exportBranches(ctx, value).some(reaches)) names.push(name);
  return names;
}

/** The aws-lambda types of a partial batch response: a handler declared to return one answers it. */
const BATCH_RESPONSE_TYPE = /\b(SQSBatchResponse|DynamoDBBatchResponse|KinesisStreamBatchResponse)\b/;

const WRONG_IDS = new Set(['body', 'receiptHandle', 'eventSourceARN', 'md5OfBody', 'eventID']);

function batchRule(ctx: ModuleContext, report: Report): void {
  if (ctx.batchHandlers.size > 0 && middyPartialBatch(ctx)) return;
  const driven = ctx.batchHandlers.size > 0 ? powertoolsProcessors(ctx) : undefined;
  for (const fn of ctx.batchHandlers) {
    if (takesOwnHandlersEvent(ctx, fn)) continue;
    // Code only: a commented-out answer (`// return { batchItemFailures }`) answers nothing (codeText.ts).
    const text = codeText(ctx, fn);
    const names = exportNamesOf(ctx, fn);
    const extra = names.length > 0 ? { handlerExports: names } : undefined;
    // Powertools or Bulwark build batchItemFailures for the handler.
    if (/\b(processPartialResponse|processPartialResponseSync|BatchProcessor|sqsHandler)\b/.test(text))
      continue;
    if (driven?.test(text)) continue;
    if (text.includes('batchItemFailures')) {
      let wrong: Node | undefined;
      someDescendant(fn.body, (n) => {
        if (wrong) return true;
        if (n.type === 'Property' && propertyName(n.key, n.computed) === 'itemIdentifier') {
          const v = unwrap(n.value);
          const last = identifierField(ctx, v?.type === 'LogicalExpression' ? v.left : v);
          if (last !== undefined && WRONG_IDS.has(last)) wrong = n;
        }
        return wrong !== undefined;
      });
      if (wrong !== undefined)
        report(
          'batch-no-partial-failure',
          wrong,
          'itemIdentifier is not the record id (messageId / sequence number): Lambda treats the whole batch as failed',
          extra,
        );
      const misnamed = wrong === undefined ? wrongFailures(ctx, fn) : undefined;
      // Reported at the handler, like the rule's other findings: the handler is what answers for the batch.
      if (misnamed !== undefined) report('batch-no-partial-failure', fn, misnamed.message, extra);
      else if (wrong === undefined) reportFailureAwait(ctx, report, fn, extra);
      continue;
    }
    // A declared batch response type (`Promise<SQSBatchResponse>`) makes TypeScript demand
    // `batchItemFailures` of every return, even of a constant another module holds (`return failEntireBatch`),
    // whose ids this module cannot read.
    if (BATCH_RESPONSE_TYPE.test(ctx.source.slice(fn.start, (fn.body as Node).start))) continue;
    // A handler that only logs (no await, no throw, no call but console/logger/JSON.stringify) cannot fail a
    // record, and one that never works on the records one by one (a single batch-wide call) has no
    // record to name: the whole batch's redelivery is the right answer to its failure.
    judgeUnanswered(ctx, report, fn, extra);
  }
  // A handler that hands its whole event to a decoder of another module: kept if that decoder reads a batch,
  // unless middy's partial-batch middleware answers for what it returns (r44 review: `middy((event) =>
  // settleAll(event)).use(sqsPartialBatchFailure())` is answered, whatever the decoder does).
  const middyAnswers = middyPartialBatch(ctx);
  for (const [fn, kind] of ctx.handlers) {
    if (middyAnswers) break;
    if (kind !== 'entry' || ctx.batchHandlers.has(fn)) continue;
    const text = codeText(ctx, fn);
    if (/\b(batchItemFailures|processPartialResponse|BatchProcessor|sqsHandler)\b/.test(text)) continue;
    if (driven?.test(text) || BATCH_RESPONSE_TYPE.test(ctx.source.slice(fn.start, (fn.body as Node).start)))
      continue;
    const names = exportNamesOf(ctx, fn);
    // `return writeStream(event)` of a function of this module that works the records (batchLocalDelegates.ts).
    const local = localBatchDelegate(ctx, fn);
    if (local !== undefined) {
      judgeDelegate(ctx, report, fn, local, names);
      continue;
    }
    const decoders = eventDecoders(ctx, fn);
    if (decoders.length === 0) continue;
    judgeUnanswered(ctx, report, fn, {
      ...(names.length > 0 ? { handlerExports: names } : {}),
      onlyIfImportBatchEvent: decoders,
    });
  }
  // A shared function the handlers of other modules hand their event to, which loops over the records
  // itself: judged like a handler, kept only where it serves template-wired handlers (batchShared.ts).
  // Powertools' words are a partial answer readsBatchEvent already turns away.
  if (!middyPartialBatch(ctx))
    for (const { fn, names } of sharedBatchFunctions(ctx))
      judgeUnanswered(ctx, report, fn, { onlyIfServesHandlers: names });
}

/** The catch hands the error to the handler's callback (`callback(e)`): the batch fails, as by a throw. */
function callsBackError(fn: Node, handler: Node): boolean {
  const callback = (fn.params as Node[])[2];
  if (callback?.type !== 'Identifier') return false;
  return someDescendant(handler, (n) => {
    if (n.type !== 'CallExpression' || unwrap(n.callee)?.name !== callback.name) return false;
    const first = unwrap((n.arguments as Node[])[0]);
    return (
      first !== undefined && !(first.type === 'Literal' && first.value === null) && first.name !== 'undefined'
    );
  });
}

/**
 * A callback-style handler whose every answer is a success: `callback(null, ...)` (or `context.succeed` /
 * `context.done()`) is all it ever calls, it never hands the callback on (`.catch(callback)`) and never throws.
 */
function callsBackSuccessOnly(fn: Node): boolean {
  const [, context, callback] = fn.params as Node[];
  const cb = callback?.type === 'Identifier' ? (callback.name as string) : undefined;
  const ctx = context?.type === 'Identifier' ? (context.name as string) : undefined;
  let answers = 0;
  const fails = someDescendant(fn.body as Node, (n) => {
    if (n.type === 'ThrowStatement') return true;
    if (n.type !== 'CallExpression') return false;
    const callee = unwrap(n.callee);
    const args = n.arguments as Node[];
    const first = unwrap(args[0]);
    const nothing = first === undefined || (first.type === 'Literal' && first.value === null);
    // The callback handed on as an argument may be called with an error.
    if (args.some((a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === cb)) return true;
    if (callee?.type === 'Identifier' && callee.name === cb) {
      answers++;
      return !nothing;
    }
    const path = callee?.type === 'MemberExpression' ? memberPath(callee) : undefined;
    if (path?.length !== 2 || path[0] !== ctx) return false;
    if (path[1] === 'fail') return true;
    if (path[1] === 'succeed' || path[1] === 'done') answers++;
    return path[1] === 'done' && !nothing;
  });
  return !fails && answers > 0;
}

/**
 * The function `entry` hands its event to is judged as the handler would be with it inlined, unless it
 * answers batchItemFailures itself; what is reported at that function is reported at the entry.
 */
function judgeDelegate(ctx: ModuleContext, report: Report, entry: Node, local: Node, names: string[]): void {
  const text = codeText(ctx, local);
  if (/\b(batchItemFailures|processPartialResponse|BatchProcessor|sqsHandler)\b/.test(text)) return;
  const atEntry: Report = (rule, node, message, extra) =>
    report(rule, node === local ? entry : node, message, extra);
  judgeUnanswered(ctx, atEntry, local, names.length > 0 ? { handlerExports: names } : undefined);
}

/** A batch handler that answers no batchItemFailures: reported unless it cannot fail a record. */
function judgeUnanswered(ctx: ModuleContext, report: Report, fn: Node, extra: Extra | undefined): void {
  const text = ctx.source.slice(fn.start, fn.end);
  // Records only parsed and gathered for one batch-wide call have no failure of their own to name.
  if (!doesWork(fn) || !worksPerRecord(ctx, fn) || recordsOnlyGathered(ctx, fn)) return;
  // A `Records[0]` read beside a call handed the whole event (a dispatch on the source) is no one-record read.
  const single = readsOnlyFirstRecord(text) && !handsEventOn(fn);
  // Records handed to a helper that refuses more than one (batchSingleHelpers.ts), here or imported.
  const helpers = singleRecordHelpers(ctx, fn);
  const refusing = batchImportConditions(ctx, fn, helpers.imports);
  // A return inside the record loop (batchLoopReturns.ts), judged before the settles-itself gates below.
  if (!single && !helpers.local && reportLoopReturn(ctx, report, fn, { ...extra, ...refusing })) return;
  // Deleting Records[0] by its receipt handle settles that one record, not the ones never read.
  if (cannotFailRecord(ctx, fn) || (!single && deletesSucceeded(ctx, fn))) return;
  if (parksEveryFailure(ctx, fn) || wholeBatchRetryDecided(ctx, fn)) return;
  // A record handed to a project function that writes it no longer excuses the handler: which writes keep
  // a record was too loosely read (an id-only put, an email, a visibility change; r41 batch review).
  // Written for one record (batchSingleRecord.ts): a handler that refuses a larger batch loses nothing, and
  // one that reads only Records[0] loses records only where the scan sees a mapping of a larger batch.
  // A converter, or a runner that hands its caller the failed items to answer, is no entry: its caller is.
  if (refusesBatches(fn) || onlyConverts(ctx, fn) || answersForCaller(ctx, fn) || helpers.local) return;
  const catches = someDescendant(
    fn.body,
    (n) =>
      n.type === 'CatchClause' &&
      !someDescendant(n.body, (m) => m.type === 'ThrowStatement', true) &&
      !callsBackError(fn, n.body) &&
      !decodesOnly(ctx.parentOf(n)?.block),
  );
  // A failure swallowed on the record's path (a helper's catch, allSettled, `.catch(`) never reaches a bisect.
  const swallows = !single && !catches && !throwsForRecord(ctx, fn, (c) => callsBackError(fn, c.body));
  const message = single
    ? 'batch handler reads only Records[0]: every other record in the batch is deleted unprocessed'
    : callsBackSuccessOnly(fn)
      ? 'batch handler calls back success whatever happens to its records and returns no batchItemFailures: failed records are deleted'
      : catches || swallows
        ? 'batch handler catches record failures but returns no batchItemFailures: failed records are deleted'
        : 'batch handler has no batchItemFailures: one failed record makes the whole batch redeliver';
  // Reading only Records[0] drops the rest in the handler's own flow, as a loop-return does: the event
  // source's finding merges into this one whatever it sets (batchTwins.ts).
  const wired = single ? { onlyIfEventWired: extra?.handlerExports ?? [], dropsRecords: true as const } : {};
  // Only a failure that throws out of the handler lets a bisecting stream source isolate the record; a
  // handler returning a project helper's answer may answer item failures the source ignores.
  const isolated =
    !single && !catches && !swallows && !callsBackSuccessOnly(fn) && !returnsProjectCall(ctx, fn);
  const throws = isolated ? { unlessBisected: true as const } : {};
  // Records settled and swallowed out of swallowed-error's view lose a record at any batch size.
  const lost = swallows && settlesRecordsOutOfView(ctx, fn) ? { keptAtBatchOne: true as const } : {};
  report('batch-no-partial-failure', fn, message, { ...extra, ...wired, ...refusing, ...throws, ...lost });
}

function breakerStateRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.isLambdaModule) return;
  for (const call of ctx.of('CallExpression')) {
    const name = calleeName(call);
    if (name === 'circuitBreaker' && ctx.importRoot(call.callee)?.source === 'cockatiel') {
      report(
        'in-process-breaker-state',
        call,
        'cockatiel circuitBreaker in a Lambda: its state lives in one execution environment',
      );
    }
    // A wrapDependency breaker is not reported: per instance is its documented default (it still stops
    // one warm instance's retries), and `sharedState` is the opt-in for fleet-wide state.
  }
  for (const node of ctx.of('NewExpression')) {
    if (ctx.importRoot(node.callee)?.source === 'opossum')
      report(
        'in-process-breaker-state',
        node,
        'opossum CircuitBreaker in a Lambda: its state lives in one execution environment',
      );
  }
}

export const lambdaRules: Rule = (ctx: ModuleContext, report: Report) => {
  batchRule(ctx, report);
  promiseAllRule(ctx, report);
  floatingRule(ctx, report);
  routeAnswerPromises(ctx, report); // a NestJS route answering with a service's pending promise
  middyNextChains(ctx, report); // middy 1 hooks calling next() only on fulfilment
  asyncListenerRule(ctx, report); // async stream listeners whose awaited work nobody awaits
  consoleRule(ctx, report);
  idempotencyRules(ctx, report);
  breakerStateRule(ctx, report);
  handRolledBreakers(ctx, report);
};
