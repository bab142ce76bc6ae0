// swallowed-error: the rules that judge a shape of their own, each over the whole module (a callback's
// result, an error-first callback, a parse, settled promises, an Invoke's or RunTask's answer, error tuples,
// a workflow's failure answer, a tracker, a non-OK read as not found, a Result's failure answered), run before swallowed.ts walks the
// module's catch clauses.
import type { ModuleContext } from '../ModuleContext.js';
import { callbackResultRule } from './callbackResult.js';
import { errorFirstCallbackRule } from './errorFirstCallbacks.js';
import { errorTuplesRule } from './errorTuples.js';
import { httpErrorMiddlewareRule } from './httpErrorMiddleware.js';
import { ignoredSdkCallbackErrorRule } from './ignoredSdkCallbackError.js';
import { invokeResultRule } from './invokeResult.js';
import { nonOkAsNotFoundRule } from './nonOkAsNotFound.js';
import { nullCallbackAnswerRule } from './nullCallbackAnswers.js';
import { parsedInstanceofRule } from './parsedInstanceof.js';
import { parseFailureRule } from './parseFailure.js';
import type { Report } from './Report.js';
import { resultFailureAnswerRule } from './resultFailureAnswer.js';
import { runTaskResultRule } from './runTaskResult.js';
import { serverErrorResultRule } from './serverErrorResult.js';
import { settledDropsRule } from './settledDrops.js';
import { trackerNoRethrowRule } from './trackerNoRethrow.js';
import { workflowFailureAnswers } from './workflowFailureAnswers.js';

/**
 * Runs each rule of its own shape over the module.
 * @example
 * ownShapeRules(ctx, report) // reports `callback(null, { ok: false })` after a failed call, among others
 */
export function ownShapeRules(ctx: ModuleContext, report: Report): void {
  callbackResultRule(ctx, report);
  errorFirstCallbackRule(ctx, report);
  nullCallbackAnswerRule(ctx, report);
  serverErrorResultRule(ctx, report);
  httpErrorMiddlewareRule(ctx, report);
  parseFailureRule(ctx, report);
  settledDropsRule(ctx, report);
  invokeResultRule(ctx, report);
  runTaskResultRule(ctx, report);
  parsedInstanceofRule(ctx, report);
  ignoredSdkCallbackErrorRule(ctx, report);
  errorTuplesRule(ctx, report);
  resultFailureAnswerRule(ctx, report);
  workflowFailureAnswers(ctx, report);
  trackerNoRethrowRule(ctx, report);
  nonOkAsNotFoundRule(ctx, report);
}
