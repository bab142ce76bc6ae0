// swallowed-error: a failure path that logs and then calls its function's callback with no error:
// `.catch((error) => { log(error); return callback(null); })`, `catch (e) { log(e); cb(); }`, or an error-first
// callback's `if (err) { log(err); return done(null, []); }`. In callback-era code that call is the success
// answer: the caller goes on with nothing, as from a catch that returns a default after I/O, and the failure
// of the remote call is lost. A callback handed the error (`callback(err)`), a failure value, a cleanup,
// telemetry and a decision a comment states are not this. The entry handler's own callback is judged by the
// handler rules (callbackAnswer.ts), not here.
import { calleeName, isFunction, type Node, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { isEmptyValue } from '../emptyValues.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { remoteCallbackCall } from './callbackRemotes.js';
import { CLEANUP_METHOD, onlyCleanup, onlyCleanupChain } from './catchExemptions.js';
import { doesIo, isLogCall, isObservation, saysWhy } from './catchFacts.js';
import { callbackSaysWhy, chainSaysWhy } from './chainDecision.js';
import { outboundChain } from './chainStandIn.js';
import { ERROR_PARAM } from './errorFirstCallbacks.js';
import type { Report } from './Report.js';
import { inTelemetryFunction } from './telemetryFacts.js';

const CALLBACK = /^(callback|cb|done|callBack)$/;
const MESSAGE =
  'the failure path logs and calls back with no error (`callback(null)`): the caller takes it for a success with nothing to show, and the failed call is never retried or reported';

/** `null`, `undefined` or nothing: the no-error slot of a callback call. */
function noError(node: Node | undefined): boolean {
  const n = unwrap(node);
  return (
    n === undefined ||
    (n.type === 'Literal' && n.value === null) ||
    (n.type === 'Identifier' && n.name === 'undefined')
  );
}

/**
 * `callback(null)`, `cb()`, `done(null, [])`, written as a statement or returned: a call of a callback
 * parameter of a function around `at` (not an entry handler's, nor the failure callback's own) that carries no
 * error and no failure value.
 */
function successCall(ctx: ModuleContext, statement: Node): boolean {
  const call = unwrap(
    (statement.type === 'ReturnStatement' ? statement.argument : statement.expression) as Node | undefined,
  );
  const callee = call?.type === 'CallExpression' ? unwrap(call.callee) : undefined;
  if (call === undefined || callee?.type !== 'Identifier' || !CALLBACK.test(callee.name as string))
    return false;
  const bound = ctx.resolve(callee.name as string, callee);
  if (bound?.kind !== 'param' || ctx.handlers.get(bound.scope) === 'entry') return false;
  const [first, second, ...rest] = call.arguments as Node[];
  if (rest.length > 0 || !noError(first)) return false;
  const value = unwrap(second);
  return value === undefined || (isEmptyValue(value) && !(value.type === 'Literal' && value.value === false));
}

/** Log lines (at least one) and then the success call, which ends the path. */
function logsThenSucceeds(ctx: ModuleContext, statements: readonly Node[]): boolean {
  const last = statements.at(-1);
  const before = statements.slice(0, -1);
  return (
    last !== undefined &&
    before.some((s) => isLogCall(s)) &&
    before.every((s) => isObservation(s)) &&
    successCall(ctx, last)
  );
}

const bodyOf = (node: Node): Node[] => (node.type === 'BlockStatement' ? (node.body as Node[]) : [node]);

/** Reports at `at` on a handler's path, or in a helper when a handler reaches an export leading to it. */
function reportOnPath(ctx: ModuleContext, at: Node, report: Report): void {
  if (inTelemetryFunction(ctx, at)) return;
  if (ctx.handlerKindAt(at) !== undefined) {
    report('swallowed-error', at, MESSAGE);
    return;
  }
  const exported = exportsReaching(ctx, at, true);
  if (exported.length > 0)
    report('swallowed-error', at, `${MESSAGE}, in a function a Lambda handler calls`, {
      onlyIfExportOnHandlerPath: exported,
      onlyIfEventCaller: sharedRequest(ctx, at),
    });
}

/** `.catch((error) => { log(error); return callback(null); })` on a chain that reaches another system. */
function catchCalls(ctx: ModuleContext, report: Report): void {
  for (const call of ctx.of('CallExpression')) {
    if (calleeName(call) !== 'catch' || (call.arguments as Node[]).length !== 1) continue;
    const fn = unwrap((call.arguments as Node[])[0]);
    if (fn === undefined || !isFunction(fn) || !logsThenSucceeds(ctx, bodyOf(fn.body as Node))) continue;
    const receiver = unwrap(unwrap(call.callee)?.object);
    let start = receiver;
    while (start?.type === 'CallExpression' && calleeName(start) === 'then')
      start = unwrap(unwrap(start.callee)?.object);
    const remote =
      outboundChain(ctx, call) !== undefined ||
      (start?.type === 'CallExpression' && remoteCallbackCall(ctx, start));
    if (!remote || onlyCleanupChain(ctx, call) || chainSaysWhy(ctx, call) || callbackSaysWhy(ctx, call))
      continue;
    reportOnPath(ctx, (unwrap(call.callee)?.property as Node | undefined) ?? call, report);
  }
}

/** `catch (e) { log(e); callback(null); }` around I/O. */
function catchClauses(ctx: ModuleContext, report: Report): void {
  for (const clause of ctx.of('CatchClause')) {
    if (!logsThenSucceeds(ctx, bodyOf(clause.body as Node))) continue;
    const tryStatement = ctx.parentOf(clause) as Node;
    const block = tryStatement.block as Node;
    if (!doesIo(ctx, block) || onlyCleanup(ctx, block) || saysWhy(ctx, tryStatement, undefined, true))
      continue;
    reportOnPath(ctx, clause, report);
  }
}

/** `remote(params, (err, data) => { if (err) { log(err); return callback(null); } ... })`. */
function errorBranches(ctx: ModuleContext, report: Report): void {
  for (const call of ctx.of('CallExpression')) {
    const fn = unwrap((call.arguments as Node[]).at(-1));
    if (fn === undefined || !isFunction(fn) || (fn.body as Node).type !== 'BlockStatement') continue;
    const error = unwrap((fn.params as Node[])[0]);
    if (error?.type !== 'Identifier' || !ERROR_PARAM.test(error.name as string)) continue;
    const branch = ((fn.body as Node).body as Node[]).find((s) => {
      const test = s.type === 'IfStatement' ? unwrap(s.test as Node) : undefined;
      return test?.type === 'Identifier' && test.name === error.name;
    });
    if (branch === undefined || !logsThenSucceeds(ctx, bodyOf(branch.consequent as Node))) continue;
    if (!remoteCallbackCall(ctx, call) || CLEANUP_METHOD.test(calleeName(call) ?? '')) continue;
    reportOnPath(ctx, branch, report);
  }
}

/**
 * @example
 * nullCallbackAnswerRule(ctx, report) // getToken(cfg).then(...).catch((e) => { log(e); return callback(null) }) -> at `.catch`
 */
export function nullCallbackAnswerRule(ctx: ModuleContext, report: Report): void {
  // Cheap text test first: a callback called with no error somewhere in the module.
  if (!/\b(?:callback|cb|done|callBack)\(\s*(?:null|undefined)?\s*[,)]/.test(ctx.source)) return;
  catchCalls(ctx, report);
  catchClauses(ctx, report);
  errorBranches(ctx, report);
}
