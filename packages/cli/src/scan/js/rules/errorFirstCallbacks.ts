// swallowed-error for error-first callbacks, the callback era's catch: a branch that only logs the error.
// - It falls through to the success path (`sqs.sendMessageBatch(params, (err, data) => { if (err) {
//   log(err) } callback(null, data) })`): the handler answers as if the call had gone through.
// - It answers nothing while the success side goes on (`if (err) log(err); else { ...; callback(null, x) }`),
//   or the whole callback only logs (`sendEvent(options, (err, data) => { if (err) log(err); else log(data) })`):
//   the error reaches no caller, and a callback-era handler that is never called back ends as a success
//   once the event loop drains. Judged on calls that reach another system (callbackRemotes.ts), not on a
//   metric, a cleanup or a call a comment calls best effort.
import { calleeName, isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { remoteCallbackCall } from './callbackRemotes.js';
import { CLEANUP_METHOD, selectsOwnWork } from './catchExemptions.js';
import { isLogCall, isObservation } from './catchFacts.js';
import { saysBestEffort } from './ignoredSdkCallbackError.js';
import type { Report } from './Report.js';
import { sdkCallbacksAnsweredEarly } from './sdkCallbackAnswers.js';
import { onlyLogs } from './sdkLoggedCallbacks.js';
import { inTelemetryFunction, TELEMETRY_CALL } from './telemetryFacts.js';

/** The name an error-first callback gives its error: `err`, `error`, `e`. */
export const ERROR_PARAM = /^(e|err|error|ex)$/i;
const ERROR_FIRST = /\(\s*(?:e|err|error|ex)\s*[,)]/i;

/** A statement of an error branch that answers nothing: a log line or other observation, a bare `return`. */
function answersNothing(s: Node): boolean {
  if (s.type === 'ReturnStatement') return s.argument == null || isLogCall(s.argument as Node);
  return isObservation(s);
}

/** The statements of an `if`'s consequent. */
function consequentOf(statement: Node): Node[] {
  const body = statement.consequent as Node;
  return body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
}

/** `if (err) { ...log lines only }`, testing the callback's error parameter itself (an `else` or not). */
function logsOnly(statement: Node, error: string): boolean {
  if (statement.type !== 'IfStatement') return false;
  const test = unwrap(statement.test as Node);
  if (test?.type !== 'Identifier' || test.name !== error) return false;
  const statements = consequentOf(statement);
  return statements.length > 0 && statements.every(answersNothing);
}

/** The call loses nothing when its error is only logged: a metric, a cleanup, a best effort a comment names. */
function lossless(ctx: ModuleContext, call: Node): boolean {
  const name = calleeName(call) ?? '';
  return (
    TELEMETRY_CALL.test(name) ||
    CLEANUP_METHOD.test(name) ||
    inTelemetryFunction(ctx, call) ||
    saysBestEffort(ctx, call)
  );
}

/**
 * @example
 * errorFirstCallbackRule(ctx, report) // sqs.sendMessageBatch(p, (err, data) => { if (err) { log(err) } callback(null, data) }) -> at the `if`
 */
export function errorFirstCallbackRule(ctx: ModuleContext, report: Report): void {
  // Cheap text test first: an error-first parameter list somewhere in the module.
  if (ctx.handlers.size === 0 || !ERROR_FIRST.test(ctx.source) || selectsOwnWork(ctx)) return;
  let answeredEarly: Set<Node> | undefined;
  for (const call of ctx.of('CallExpression')) {
    const callback = unwrap((call.arguments as Node[]).at(-1));
    if (callback === undefined || !isFunction(callback) || callback.async === true) continue;
    const [error] = callback.params as Node[];
    const body = callback.body as Node;
    if (
      error?.type !== 'Identifier' ||
      !ERROR_PARAM.test(error.name as string) ||
      body.type !== 'BlockStatement' ||
      ctx.handlerKindAt(call) === undefined
    )
      continue;
    const statements = body.body as Node[];
    const at = statements.findIndex((s) => logsOnly(s, error.name as string));
    const branch = statements[at];
    if (branch === undefined) continue;
    const ends = consequentOf(branch).some((s) => s.type === 'ReturnStatement');
    const remote = remoteCallbackCall(ctx, call);
    // A method of a client or library (`sqs.sendMessageBatch`, `request.post`) whose error branch falls
    // through to more work: the success path runs on the failure.
    if (
      branch.alternate == null &&
      !ends &&
      at < statements.length - 1 &&
      ((unwrap(call.callee)?.type === 'MemberExpression' && (callback.params as Node[]).length >= 2) ||
        remote)
    ) {
      report(
        'swallowed-error',
        branch,
        'the error-first callback only logs the error and goes on to the success path: the call failed, yet the code answers as if it had gone through',
      );
      continue;
    }
    // The branch ends the callback or stands beside a success side, or the callback only logs: the
    // remote call's error stops here. A v2 request the handler answers before its callback runs is
    // floating-promise's (sdkCallbackAnswers.ts): its callback is cut off whatever it does.
    answeredEarly ??= new Set(sdkCallbacksAnsweredEarly(ctx).map((a) => a.call));
    if (
      (branch.alternate != null || ends || onlyLogs(callback)) &&
      remote &&
      !lossless(ctx, call) &&
      !answeredEarly.has(call)
    )
      report(
        'swallowed-error',
        branch,
        "the error-first callback's error branch only logs: the failure is handed to no callback, reject or throw, so the caller never learns of it and a callback-era invocation that is never called back ends as a success",
      );
  }
}
