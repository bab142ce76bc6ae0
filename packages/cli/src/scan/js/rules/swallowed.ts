// swallowed-error: catch blocks that hide failures, and unchecked fetch responses; promise `.catch()`
// handlers are judged in promiseCatch.ts.
import { type Node, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { callersRead, readersCondition } from '../resultUse.js';
import { any400AsAnswer } from './awsStatusCatch.js';
import { bareContinue } from './bareContinue.js';
import { aroundWholeRun, bestEffortByDecision, nextRunRetries, sideChannelOnly } from './bestEffortCatch.js';
import { boltListenerCatch } from './boltListenerCatch.js';
import { selectsOwnWork } from './catchExemptions.js';
import { catchesNothingLost } from './catchesNothingLost.js';
import { doesIo, hasComment, isObservation, saysWhy } from './catchFacts.js';
import {
  type DropShape,
  dropShape,
  fallsOutToStandIn,
  fallsOutWithUndefined,
  SHAPE_MESSAGE,
} from './catchShapes.js';
import { helperCleanup, losesWork } from './cleanupAfterWork.js';
import { constantUnreadAnswer } from './constantUnreadAnswer.js';
import { createOnFailure } from './createOnFailure.js';
import { answersDefault, reportDefaultAnswer } from './defaultAnswer.js';
import { deferredFailureAnswer } from './deferredFailureAnswer.js';
import { deletedAfterLoop, deletedAfterTry } from './deletedAfterTry.js';
import { failureResultRule, successAnswerRule } from './failureResult.js';
import { ioHandledInside } from './handledInside.js';
import { reportUnlessEnded } from './importedEndsErrors.js';
import { perItem } from './jobItems.js';
import { fallsToNextItem, itemOfLoggedEventJob } from './loggedEventJobs.js';
import { flagOnlyLogged } from './loggedFlag.js';
import { importedDataCalls } from './loggingDataLayer.js';
import { rethrowsErrors } from './nonErrorRethrow.js';
import { judgeWithoutNoops } from './noopCalls.js';
import { notFoundCatchAllRule } from './notFoundCatchAll.js';
import { presignCatchReport } from './presignHelpers.js';
import type { Report, Rule } from './Report.js';
import { recordLoopReturn } from './recordLoopReturn.js';
import { reportedSuccessRule } from './reportedSuccessAnswer.js';
import { resolvedStandInRule } from './resolvedStandIns.js';
import { routeCatchNoAnswer } from './routeCatchNoAnswer.js';
import { silentAnswer } from './silentAnswer.js';
import { localTokenCheck } from './silentCatch.js';
import { successBuilderRule } from './successBuilders.js';
import { swallowedCallRules } from './swallowedCalls.js';
import { ownShapeRules } from './swallowedOwnShapes.js';
import { returnedErrorAnswersHttp } from './thrownResponses.js';
import { unawaitedRethrowRule } from './unawaitedRethrow.js';
import { droppedError } from './unthrownError.js';
import { verdictStandInRule } from './verdictStandIn.js';

export const swallowRules: Rule = (ctx: ModuleContext, report: Report) => {
  // The rules that judge a shape of their own (a callback's result, a parse, a tuple, ...) first.
  ownShapeRules(ctx, report);
  const notFound = notFoundCatchAllRule(ctx, report);
  // A promise wrapper's catch that resolves a stand-in is judged by its wrapper's callers (resolvedStandIns.ts).
  const standIns = resolvedStandInRule(ctx, report);
  for (const handler of ctx.of('CatchClause')) {
    const judge = (r: Report) => judgeCatch(ctx, handler, r, notFound, standIns);
    let reported = false;
    judge((...args) => {
      reported = true;
      report(...args);
    });
    // A catch that seemed to handle the failure by calling a helper that does nothing (noopCalls.ts).
    if (!reported) judgeWithoutNoops(ctx, handler, report, judge);
  }
  swallowedCallRules(ctx, report);
};

/** Judges one catch clause (the module's `report`, before the per-catch conditions are put on it). */
function judgeCatch(
  ctx: ModuleContext,
  handler: Node,
  reportAll: Report,
  notFound: ReadonlySet<Node>,
  standIns: ReadonlySet<Node>,
): void {
  const comments = ctx.comments;
  const body = handler.body as Node;
  // `new Error(String(e));` does nothing (unthrownError.ts): judged as if it were not there.
  const statements = (body.body as Node[]).filter((s) => droppedError(s) !== 'nothing');
  const tryStatement = ctx.parentOf(handler) as Node;
  // A try that reaches other systems only through imported helpers that end their own errors: no such
  // failure reaches this catch (importedEndsErrors.ts), which the project pass settles.
  // A try that only presigns behind project functions (presignHelpers.ts): local work.
  const report = presignCatchReport(ctx, handler, reportUnlessEnded(ctx, tryStatement, reportAll));
  if (report === undefined) return;
  if (notFound.has(handler) || standIns.has(handler)) return;
  if (catchesNothingLost(ctx, handler, statements)) return;
  const any400 = any400AsAnswer(ctx, handler);
  if (any400 !== undefined) {
    report(
      'swallowed-error',
      any400,
      'every HTTP 400 from AWS is answered as a normal result: AWS answers throttling, access and validation errors with 400 too, so they pass for the case this branch means; test the error name or code instead',
    );
    return;
  }
  if (statements.length === 0) {
    // Around local work only (parsing, a computation) the empty catch is the answer chosen for bad
    // input, not a failure of another system disappearing; around a cleanup (a delete, a closed
    // connection) it leaves garbage but loses no work, as a catch that only logs one does (losesWork).
    if (!hasComment(ctx, comments, body) && doesIo(ctx, tryStatement.block) && losesWork(ctx, tryStatement))
      report(
        'swallowed-error',
        handler,
        (body.body as Node[]).length === 0
          ? 'empty catch block: the error disappears'
          : 'catch only builds a built-in Error and drops it, which does nothing: the error disappears',
      );
    return;
  }
  // `catch { continue }` is the empty catch of a loop (bareContinue.ts).
  if (bareContinue(ctx, handler, statements, report)) return;
  // A guard that rethrows only non-Error values rethrows no failure (nonErrorRethrow.ts).
  if (rethrowsErrors(body)) return;
  if (unawaitedRethrowRule(ctx, handler, report)) return;
  if (createOnFailure(ctx, handler, report)) return;
  // A route handler's catch that neither answers nor hands the error on (routeCatchNoAnswer.ts).
  if (routeCatchNoAnswer(ctx, handler, report)) return;
  // A Slack Bolt listener's catch that only logs after Slack was answered (boltListenerCatch.ts).
  if (boltListenerCatch(ctx, handler, report)) return;
  // A `return` out of the handler's loop over its event's records drops the rest (recordLoopReturn.ts).
  if (recordLoopReturn(ctx, handler, report)) return;
  // Best-effort telemetry (`sendMetric`, `trackUsage`): losing one data point is the intended outcome.
  const io =
    doesIo(ctx, tryStatement.block) &&
    !ioHandledInside(ctx, tryStatement.block) &&
    !sideChannelOnly(ctx, tryStatement) &&
    !localTokenCheck(ctx, tryStatement.block);
  if (
    io &&
    ctx.handlerKindAt(handler) !== undefined &&
    !selectsOwnWork(ctx) &&
    !bestEffortByDecision(ctx, tryStatement, undefined)
  ) {
    const flag = flagOnlyLogged(ctx, handler);
    if (flag !== undefined) {
      report(
        'swallowed-error',
        handler,
        `catch only records the failure in ${flag}, which nothing but a log line reads: the work goes on as if the call had succeeded, and the error itself is lost`,
      );
      return;
    }
  }
  const shape: DropShape | undefined = statements.every((s) => isObservation(s))
    ? undefined
    : dropShape(ctx, handler);
  const onlyLogs = shape !== undefined || statements.every((s) => isObservation(s));
  // A log and `continue` skips only this item: in a job that selects its own work, the next run finds it.
  const skipsOne =
    (shape === 'leaves-loop' && statements.at(-1)?.type === 'ContinueStatement') ||
    fallsToNextItem(ctx, tryStatement, shape);
  // Also when a test of the error answers the same empty value sooner (catchDefaults.ts), or the catch
  // hands back its function's default parameter (defaultAnswer.ts).
  const returnsDefault = answersDefault(ctx, handler, statements);
  const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  const returnsError =
    param !== undefined &&
    statements.every((s) => isObservation(s) || s.type === 'ReturnStatement') &&
    statements.some((s) => s.type === 'ReturnStatement' && unwrap(s.argument)?.name === param);
  // A constant answer, written out or built (silentAnswer.ts), with the conditions an imported builder puts.
  const silent = io ? silentAnswer(ctx, handler) : undefined;
  if (returnsError && io && ctx.handlerKindAt(handler) === 'entry') {
    // Over HTTP the returned error reaches the client as a failure (thrownResponses.ts).
    if (!returnedErrorAnswersHttp(ctx, tryStatement))
      report(
        'swallowed-error',
        handler,
        'the handler returns the caught error as its result: the invocation succeeds and the work is lost',
      );
  } else if (silent !== undefined) {
    // Dropped when every call of the try is to a data layer that logs and rethrows (loggingDataLayer.ts).
    const logged = importedDataCalls(ctx, tryStatement.block);
    report(
      'swallowed-error',
      handler,
      'catch answers a constant result without logging or reading the error: the failure leaves no trace and looks like a normal answer',
      { ...silent, ...(logged !== undefined ? { unlessImportsLog: logged } : {}) },
    );
  } else if (returnsDefault && io) {
    reportDefaultAnswer(ctx, handler, tryStatement, statements, report);
  } else if (onlyLogs && shape === undefined && io && fallsOutToStandIn(ctx, tryStatement)) {
    report(
      'swallowed-error',
      handler,
      "catch only logs, and the function then returns a constant in place of the failed read's answer: the caller cannot tell the stand-in from real data",
    );
  } else if (onlyLogs && shape === undefined && io && fallsOutWithUndefined(ctx, tryStatement)) {
    // In a job that selects its own work, answering nothing is judged as `return null` is there: the
    // next run selects the item again (unless the catch is the whole run's, or a delete follows it).
    // A helper's failed cleanup answers nothing either way (cleanupAfterWork.ts).
    if (nextRunRetries(ctx, handler, tryStatement) || helperCleanup(ctx, tryStatement)) return;
    // Falling out with undefined by a decision the catch states (its comment or log line), as a default is.
    if (saysWhy(ctx, tryStatement, undefined, true)) return;
    const readers = callersRead(ctx, handler);
    // In a module with no handler: kept unless only an operator's scripts reach it; or, when the catch
    // gives up on one item of a collection, unless only jobs do (their next run selects the item again).
    const scripts =
      ctx.handlers.size === 0
        ? {
            onlyIfEventCaller: perItem(ctx, tryStatement)
              ? sharedRequest(ctx, handler)
              : { ...sharedRequest(ctx, handler), scriptsOnly: true as const },
          }
        : {};
    if (readers !== 'all-read')
      report(
        'swallowed-error',
        handler,
        'catch only logs, so the function returns undefined after failed I/O: the caller cannot tell failure from "nothing"',
        { ...scripts, ...readersCondition(readers) },
      );
  } else if (
    onlyLogs &&
    io &&
    ctx.handlerKindAt(handler) !== undefined &&
    losesWork(ctx, tryStatement) &&
    !bestEffortByDecision(ctx, tryStatement, shape) &&
    ((shape !== undefined && !skipsOne) ||
      !(selectsOwnWork(ctx) || itemOfLoggedEventJob(ctx, tryStatement)) ||
      aroundWholeRun(ctx, tryStatement) ||
      deletedAfterLoop(ctx, tryStatement) ||
      deletedAfterTry(ctx, tryStatement))
  ) {
    report(
      'swallowed-error',
      handler,
      shape !== undefined
        ? `${SHAPE_MESSAGE[shape]} on a Lambda handler path`
        : deletedAfterLoop(ctx, tryStatement)
          ? 'catch only logs and the loop goes on, and after the loop every item, the failed ones too, is handed to a delete: the failed work is never found again'
          : deletedAfterTry(ctx, tryStatement)
            ? 'catch only logs, and the code after it deletes the marker, message or key that recorded the work, as if it had succeeded: the failed work is never found again'
            : selectsOwnWork(ctx)
              ? "catch around the scheduled handler's whole run only logs: the invocation reports success, so neither Lambda's Errors metric nor any alarm on it sees the failed run"
              : 'catch only logs on a Lambda handler path: the invocation succeeds and the work is lost',
    );
  } else if (
    onlyLogs &&
    io &&
    ctx.handlerKindAt(handler) === undefined &&
    losesWork(ctx, tryStatement) &&
    !bestEffortByDecision(ctx, tryStatement, shape)
  ) {
    // A helper module's catch: on the handler path when a handler elsewhere calls an export reaching it.
    const exported = exportsReaching(ctx, handler, true);
    if (exported.length > 0)
      report(
        'swallowed-error',
        handler,
        shape === undefined
          ? 'catch only logs in a function a Lambda handler calls: the invocation succeeds and the work is lost'
          : `${SHAPE_MESSAGE[shape]} in a function a Lambda handler calls`,
        {
          onlyIfExportOnHandlerPath: exported,
          ...(shape === undefined ? { onlyIfEventCaller: sharedRequest(ctx, handler) } : {}),
        },
      );
  } else {
    // An always-2xx builder handed `{ statusCode: 500 }` still answers 200: both findings are made, each
    // under its own hold, so whichever gate holds keeps one (review r42, item 1).
    const built = successBuilderRule(ctx, handler, io, report);
    if (
      !failureResultRule(ctx, handler, io, report) &&
      !verdictStandInRule(ctx, handler, io, report) &&
      !deferredFailureAnswer(ctx, handler, io, report) &&
      !built
    )
      successAnswerRule(ctx, handler, io, report) ||
        reportedSuccessRule(ctx, handler, io, report) ||
        constantUnreadAnswer(ctx, handler, io, report);
  }
}
