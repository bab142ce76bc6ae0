// swallowed-error for promise chains: `const item = await db.get(p).promise().catch((e) => { log(e); return
// null })` is the `try { return await db.get(p).promise() } catch (e) { log(e); return null }` of chains: the
// callback answers a stand-in (undefined, null, false, 0, '', [], {}) in place of the failed call's answer.
// It is judged as swallowed.ts judges a catch that returns a default after I/O (answersOnlyDefault, callers'
// reads, job and cleanup exemptions, a stated decision), not by a second, looser test: the code that takes
// the answer decides, here the statement that awaits the chain, or the function's callers when it is returned.

import { calleeName, isFunction, type Node, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import { callersRead, failsOnAnswer, readersCondition, takenAs } from '../resultUse.js';
import { isSdkSend } from '../sdkSend.js';
import { nullFlowSites } from './authNullFlow.js';
import { aggregatedClientCall } from './batchAggregated.js';
import { answersOnlyDefault } from './catchDefaults.js';
import { onlyCleanup, onlyCleanupChain, selectsOwnWork } from './catchExemptions.js';
import { defaultAnswerKind, resolved } from './catchShapes.js';
import { callbackSaysWhy, chainSaysWhy } from './chainDecision.js';
import { FILTERED_OUT, filteredFanOut } from './filteredFanOut.js';
import { classifyHttpCall } from './http.js';
import { projectWorkCall } from './projectChain.js';
import type { Report } from './Report.js';
import { inTelemetryFunction } from './telemetryFacts.js';

const THROUGH = (p: Node) =>
  p.type === 'ParenthesizedExpression' || p.type === 'TSAsExpression' || p.type === 'AwaitExpression';

/**
 * The call a `.catch` chain starts from, past its `.then(...)` links, when it reaches another system: an SDK
 * send, a v3 aggregated client's method (`ddb.updateItem({...})`), a v2 `.promise()`, an HTTP call, or the
 * project's own work (projectChain.ts). Undefined for a promise that is not I/O (`JSON.parse`, a timer).
 *
 * @example
 * // await ddb.updateItem(params).then().catch(log) with ddb = new DynamoDB()
 * outboundChain(ctx, catchCall) // -> the updateItem call
 */
export function outboundChain(ctx: ModuleContext, call: Node): Node | undefined {
  let receiver = unwrap(unwrap(call.callee)?.object);
  while (receiver?.type === 'CallExpression' && calleeName(receiver) === 'then')
    receiver = unwrap(unwrap(receiver.callee)?.object);
  if (receiver?.type !== 'CallExpression') return undefined;
  // `timeout(runAdapter(chain), 10_000)`, `pTimeout(fetch(url), ms)`: a wrapper handed the work's promise
  // rejects when that work fails (or outlasts it), so the chain reaches what its first argument reaches.
  const handed = unwrap((receiver.arguments as Node[])[0]);
  return outbound(ctx, receiver) || (handed?.type === 'CallExpression' && outbound(ctx, handed))
    ? receiver
    : undefined;
}

/** An SDK send, an HTTP call, a v2 `.promise()`, a v3 aggregated client's method, or the project's own work. */
function outbound(ctx: ModuleContext, call: Node): boolean {
  return (
    isSdkSend(ctx, call) ||
    classifyHttpCall(ctx, call) !== undefined ||
    (calleeName(call) === 'promise' && unwrap(unwrap(call.callee)?.object)?.type === 'CallExpression') ||
    aggregatedClientCall(ctx, call) ||
    projectWorkCall(ctx, call)
  );
}

/**
 * The `.catch` callback logs (or does nothing else) and answers a default, on an awaited or returned chain that
 * reaches another system, and the code taking the answer can go on with it as "nothing": reported at
 * `.catch(`. True when the callback has that shape, reported or not, so the caller judges it no further.
 *
 * @example
 * // const item = await ddb.getItem(p).catch((e) => { console.log(e); return null }); if (item) use(item)
 * chainStandIn(ctx, catchCall, callback, report) // reports swallowed-error
 */
export function chainStandIn(ctx: ModuleContext, call: Node, fn: Node, report: Report): boolean {
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return false;
  const statements = body.body as Node[];
  // A bare `return null` is judged by promiseCatch.ts ("discards the rejection"); here something comes first.
  if (statements.length < 2 || !answersOnlyDefault(statements)) return false;
  let node = call;
  let parent = ctx.parentOf(node);
  let awaited = false;
  while (parent !== undefined && THROUGH(parent)) {
    awaited ||= parent.type === 'AwaitExpression';
    node = parent;
    parent = ctx.parentOf(node);
  }
  // Returned, or an arrow's expression body: the function's callers take the answer.
  const returned =
    parent?.type === 'ReturnStatement' ||
    (parent !== undefined && isFunction(parent) && parent.body === node);
  if (!awaited && !returned) return false;
  const receiver = outboundChain(ctx, call);
  if (receiver === undefined) return true;
  // The catch clause's exemptions (catchExemptions.ts defaultAnswerExcused): a job that selects its own work,
  // a decision the callback or a comment beside the chain states, a cleanup, telemetry.
  if (
    (ctx.handlerKindAt(call) !== undefined && selectsOwnWork(ctx)) ||
    callbackSaysWhy(ctx, call) ||
    chainSaysWhy(ctx, call) ||
    onlyCleanup(ctx, receiver) ||
    onlyCleanupChain(ctx, call) ||
    inTelemetryFunction(ctx, call) ||
    // A null read as a denial is infra-error-as-auth's to report, as authCatch keeps such a catch clause.
    nullFlowSites(ctx).has(fn)
  )
    return true;
  const answer = defaultAnswerKind(statements);
  const answers = statements.filter((s) => s.type === 'ReturnStatement').map((s) => resolved(s.argument));
  // `.then((r) => !r.FailedEntryCount).catch((e) => { log(e); return false })` kept in a name: a yes/no the
  // code reads, which flagChains.ts judges (a dropped flag is reported there).
  if (answers.every(isBooleanLiteral) && answersBoolean(ctx, call) && takenAs(ctx, call) !== undefined)
    return true;
  const at = (unwrap(call.callee)?.property as Node | undefined) ?? call;
  const message =
    '.catch() answers a stand-in (null, an empty value or a default) for the failed call: the code after it cannot tell failure from "nothing"';
  // No handler here: kept unless only jobs reach it (their next run selects the work again), as for a catch.
  const jobs = ctx.handlers.size === 0 ? { onlyIfEventCaller: sharedRequest(ctx, call) } : {};
  if (returned) {
    // A callback's answer goes to whatever calls it (`items.map((i) => get(i).catch(...))`), whose reading of
    // it is not in sight: the catch clause of such a callback is judged by callers this module names, too.
    const owner = ctx.enclosingFunction(call);
    const holder = owner === undefined ? undefined : ctx.parentOf(owner);
    // Unless it is a fan-out whose stand-ins are filtered out of the answer (`Promise.all(xs.map(...))` then
    // `.filter(isNotNullish)`): the item is dropped as if it had nothing to give (filteredFanOut.ts).
    if (holder?.type === 'CallExpression' && (holder.arguments as Node[]).includes(owner as Node)) {
      if (filteredFanOut(ctx, holder)) report('swallowed-error', at, FILTERED_OUT, jobs);
      return true;
    }
    const readers = answer === undefined ? undefined : callersRead(ctx, call, answer);
    if (readers !== 'all-read')
      report('swallowed-error', at, message, { ...jobs, ...readersCondition(readers, answer) });
    return true;
  }
  // Awaited where it is taken: that statement's reader decides (`if (!item) throw`, `item.Name`).
  const fails = failsOnAnswer(ctx, call);
  const failsThere = fails === 'falsy' ? answer !== undefined : fails === 'nullish' && answer === 'nullish';
  if (!failsThere) report('swallowed-error', at, message, jobs);
  return true;
}

const isBooleanLiteral = (n: Node | null | undefined): boolean =>
  unwrap(n)?.type === 'Literal' && typeof unwrap(n)?.value === 'boolean';

/** A yes/no expression: `true`, `!x`, `a === b`, `x ? true : false`, `a && !b`. */
function isBoolean(n: Node | null | undefined): boolean {
  const v = unwrap(n);
  if (v === undefined) return false;
  if (isBooleanLiteral(v) || (v.type === 'UnaryExpression' && v.operator === '!')) return true;
  if (v.type === 'BinaryExpression') return /^(===?|!==?|<=?|>=?|in|instanceof)$/.test(v.operator as string);
  if (v.type === 'ConditionalExpression') return isBoolean(v.consequent) && isBoolean(v.alternate);
  return v.type === 'LogicalExpression' && isBoolean(v.left) && isBoolean(v.right);
}

/** The chain's last `.then(cb)` answers a yes/no on success, so the catch's boolean is its failure side. */
function answersBoolean(ctx: ModuleContext, call: Node): boolean {
  const link = unwrap(unwrap(call.callee)?.object);
  if (link?.type !== 'CallExpression' || calleeName(link) !== 'then') return false;
  const cb = ctx.valueOf((link.arguments as Node[])[0]);
  if (cb === undefined || !isFunction(cb)) return false;
  const body = cb.body as Node;
  if (body.type !== 'BlockStatement') return isBoolean(body);
  const returns = (body.body as Node[]).filter((s) => s.type === 'ReturnStatement');
  return returns.length > 0 && returns.every((r) => isBoolean(r.argument));
}
