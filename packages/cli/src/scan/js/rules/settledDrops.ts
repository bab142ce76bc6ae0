// swallowed-error for `Promise.allSettled`: it never rejects, so the failures of the work it waits on
// exist only in the `{ status: 'rejected', reason }` entries it answers. Code that drops that answer, or
// reads it only for the fulfilled values or a log line, lets the invocation succeed with the work lost.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isSdkSend } from '../sdkSend.js';
import { mapsRecords, neverRejects } from './batchIds.js';
import { onlyCleanup, selectsOwnWork } from './catchExemptions.js';
import { isLogCall } from './catchFacts.js';
import { classifyHttpCall } from './http.js';
import type { Report } from './Report.js';
import { handsOn, picksRejected, settleDecided } from './settledRejections.js';
import { settledImports } from './settledWork.js';
import { inTelemetryFunction } from './telemetryFacts.js';

/**
 * What answers a rejection: a throw, a `reject(...)`, a failure list a batch handler returns, or a
 * value built from the rejected entries that leaves the function (`return { failed }`, `failed.push`).
 */
const ANSWERS = /\bthrow\b|\breject\s*\(|batchItemFailures|\bprocess\.exit|\bexitCode\b/;

/** `Promise.allSettled(...)`, awaited or not. */
export function isAllSettled(call: Node): boolean {
  const callee = unwrap(call.callee);
  return (
    callee?.type === 'MemberExpression' &&
    unwrap(callee.object)?.name === 'Promise' &&
    calleeName(call) === 'allSettled'
  );
}

/**
 * The node calls another system itself: an SDK send, an HTTP call, an aws-sdk v2 `.promise()`. Awaited
 * calls of project helpers do not count: a helper that catches and logs its own failure (judged there)
 * never rejects, and an allSettled over it has nothing to drop.
 */
function directIo(ctx: ModuleContext, node: Node): boolean {
  return someDescendant(
    node,
    (n) =>
      n.type === 'CallExpression' &&
      (isSdkSend(ctx, n) ||
        classifyHttpCall(ctx, n) !== undefined ||
        (calleeName(n) === 'promise' &&
          (n.arguments as Node[]).length === 0 &&
          unwrap(unwrap(n.callee)?.object)?.type === 'CallExpression')),
  );
}

/**
 * The work handed in calls another system itself, in the callback or in a module-local function it calls
 * (`ids.map((id) => markSynced(id))`), and is no cleanup.
 */
export function settlesIo(ctx: ModuleContext, work: Node | undefined, fn: Node): boolean {
  const w = unwrap(work);
  if (w === undefined) return false;
  // `Promise.allSettled(sends)`: the list was filled elsewhere in the function (`sends.push(sqs.send(c))`).
  const region = w.type === 'Identifier' ? fn : w;
  const bodies = [region];
  someDescendant(region, (n) => {
    if (n.type !== 'CallExpression') return false;
    const local = ctx.functionOf(n.callee as Node);
    if (local !== undefined && local !== fn) bodies.push(local.body as Node);
    return false;
  });
  return bodies.some((b) => directIo(ctx, b)) && !bodies.every((b) => onlyCleanup(ctx, b));
}

/** Text of the module-local functions named in `after` (`parseResponses(results)`, `results.reduce(getFulfilled, [])`). */
function helperTexts(ctx: ModuleContext, at: Node, after: string): string {
  let texts = '';
  for (const word of new Set(after.match(/\b[A-Za-z_$][\w$]*\b/g) ?? [])) {
    const b = ctx.resolve(word, at);
    const target = b?.kind === 'function' || b?.kind === 'const' ? unwrap(b.init) : undefined;
    if (target !== undefined && isFunction(target) && !(target.start <= at.start && at.end <= target.end))
      texts += ctx.source.slice(target.start, target.end);
  }
  return texts;
}

/**
 * Why the settled answer's rejections are lost, or undefined when something reads and answers them.
 * `name` is the variable holding the answer; `after` the function's text after it.
 */
function lostRejections(ctx: ModuleContext, at: Node, name: string, after: string): string | undefined {
  if (!new RegExp(`\\b${name}\\b`).test(after))
    return "Promise.allSettled's answer is never read: every rejected call is dropped and the code goes on as if all had succeeded";
  // Handed back (`return results`), or to code elsewhere: its reader decides.
  if (new RegExp(`\\breturn\\s+${name}\\s*(;|\\)|}|$)|[:=]\\s*${name}\\s*[,;})]`).test(after))
    return undefined;
  const helpers = helperTexts(ctx, at, after);
  const handedAway = new RegExp(`\\(\\s*${name}\\s*[,)]|,\\s*${name}\\s*\\)`).test(after) && helpers === '';
  if (handedAway) return undefined;
  const text = after + helpers;
  if (ANSWERS.test(text)) return undefined;
  // A value collected from the rejected entries that leaves the function answers them too.
  if (/\breturn\b[^;\n]*\b(fail|reject|error)/i.test(text)) return undefined;
  // `if (failed.length > 0) return { statusCode: 500 }`: the failures decide the answer.
  if (/\bif\s*\([^)]*(fail|reject|error)[^)]*\)\s*\{?\s*(return|throw)\b/i.test(text)) return undefined;
  if (!/rejected|\.reason\b|fulfilled/.test(text))
    return "Promise.allSettled's answer is read but never for its rejected entries: every failed call is dropped and the code goes on as if all had succeeded";
  return "Promise.allSettled's rejected entries are only logged or counted: the failed calls are dropped and the invocation succeeds as if all had been done";
}

/** The function's statements after `node`, with log calls removed (a log line reads without answering). */
function textAfter(ctx: ModuleContext, node: Node, fn: Node): string {
  const logs: Node[] = [];
  someDescendant(fn, (n) => {
    if (n.start >= node.end && n.type === 'CallExpression' && isLogCall(n)) logs.push(n);
    return false;
  });
  let text = '';
  let from = node.end;
  for (const log of logs.sort((a, b) => a.start - b.start)) {
    if (log.start < from) continue;
    text += ctx.source.slice(from, log.start);
    from = log.end;
  }
  return text + ctx.source.slice(from, fn.end);
}

/**
 * Reports `await Promise.allSettled(work)` on a Lambda handler's path whose rejected entries nobody
 * answers. A batch handler's records are judged by batch-no-partial-failure (batchIds.ts); work that
 * catches its own failures, cleanups and telemetry are left alone.
 *
 * @example
 * await Promise.allSettled(cases.map(async (c) => updateCase(await getWorkflow(c)))); // reported
 */
export function settledDropsRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('allSettled')) return;
  for (const call of ctx.of('CallExpression')) {
    if (!isAllSettled(call)) continue;
    const work = (call.arguments as Node[])[0];
    const w = unwrap(work);
    const callback = w?.type === 'CallExpression' ? (w.arguments as Node[])[0] : undefined;
    if (callback !== undefined && neverRejects(ctx, callback)) continue;
    const fn = ctx.enclosingFunction(call);
    if (fn === undefined || inTelemetryFunction(ctx, call)) continue;
    const { node: top, parent } = ctx.climb(
      call,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    // Work out of view (project helpers) counts when the code picks its rejected entries out itself
    // (settledRejections.ts); those helpers are then asked whether they end their own failures.
    const kept = unwrap(parent?.id);
    const picked =
      parent?.type === 'VariableDeclarator' &&
      kept?.type === 'Identifier' &&
      picksRejected(ctx, fn, parent.end, parent);
    const io = settlesIo(ctx, work, fn);
    if (!io && !picked) continue;
    // Out of view, work over the handler's records is batch-no-partial-failure's (its settled records).
    if (!io && (mapsRecords(ctx, w) || (w?.type === 'Identifier' && mapsRecords(ctx, ctx.valueOf(w)))))
      continue;
    if (/batchItemFailures/.test(ctx.source.slice(fn.start, fn.end))) continue;
    // Not awaited: floating-promise's concern.
    if (top.type !== 'AwaitExpression') continue;
    let message: string | undefined;
    if (parent?.type === 'ExpressionStatement')
      message =
        "Promise.allSettled's answer is dropped: every rejected call is lost and the code goes on as if all had succeeded";
    else if (parent?.type === 'VariableDeclarator' && unwrap(parent.id)?.type === 'Identifier')
      message = lostRejections(ctx, call, unwrap(parent.id)?.name as string, textAfter(ctx, parent, fn));
    if (message === undefined) continue;
    // Out of view, the work is judged only by what this code does with the rejections it picks out,
    // unless a comment above the settle decides they may pass.
    if (!io && parent !== undefined && handsOn(ctx, fn, parent.end, parent)) continue;
    if (
      !io &&
      parent !== undefined &&
      settleDecided(ctx, parent.type === 'VariableDeclarator' ? (ctx.parentOf(parent) ?? parent) : parent)
    )
      continue;
    const ended = io ? [] : settledImports(ctx, work, fn);
    const unlessImportsEnd = ended.length > 0 ? { unlessImportsEnd: ended } : {};
    if (ctx.handlerKindAt(call) !== undefined) {
      if (!selectsOwnWork(ctx))
        report('swallowed-error', call, `${message} on a Lambda handler path`, unlessImportsEnd);
      continue;
    }
    const exported = exportsReaching(ctx, call, true);
    if (exported.length > 0)
      report('swallowed-error', call, `${message} in a function a Lambda handler calls`, {
        onlyIfExportOnHandlerPath: exported,
        onlyIfEventCaller: sharedRequest(ctx, call),
        ...unlessImportsEnd,
      });
  }
}
