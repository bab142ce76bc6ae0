// swallowed-error: an aws-sdk v2 request whose node-style callback never reads its error: it takes no
// parameter (`ssm.putParameter(params, () => {})`), or names the error only to print it before going on
// (`(error, data) => { console.log(error, data); resolve(data) }`). v2 hands a failed request's error to
// that callback and nowhere else: no rejection, no throw. The failure passes for success, and what the
// request was for (a cached token, an invoked job) silently never happened.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { BEST_EFFORT } from './catchFacts.js';
import { isLevelledLog } from './levelledLog.js';
import type { Report } from './Report.js';
import { sdkCallWithCallback } from './sdkCallbackAnswers.js';
import { inTelemetryFunction, TELEMETRY_CALL } from './telemetryFacts.js';

/** A call that hands a failure on: `reject(...)`, `callback(err)`, `context.fail(...)`, `next(err)`. */
const HANDS_ON = /^(reject|fail|callback|cb|done|next)$/;

/** The statement or arrow body holding `node` is a log line. */
function inLogLine(ctx: ModuleContext, node: Node, callback: Node): boolean {
  for (let at: Node | undefined = node; at !== undefined && at !== callback; at = ctx.parentOf(at)) {
    const parent = ctx.parentOf(at);
    if (at.type === 'ExpressionStatement' || parent === callback) return isLevelledLog(at);
  }
  return false;
}

/** A comment on the call's line or the two above it says the call is best effort. */
export function saysBestEffort(ctx: ModuleContext, call: Node): boolean {
  const line = (at: number) => ctx.position(at).line;
  const own = line(call.start as number);
  return ctx.comments.some((c) => {
    const end = line(c.end);
    return end <= own && end >= own - 2 && BEST_EFFORT.test(ctx.source.slice(c.start, c.end));
  });
}

/**
 * The callback tests its result (`if (!data) return reject(...)`) on a branch that throws or hands a
 * failure on: v2 passes no data with an error, so that test reads the failure.
 */
function failsOnMissingResult(callback: Node): boolean {
  const data = unwrap((callback.params as Node[])[1]);
  if (data?.type !== 'Identifier') return false;
  const mentions = (n: Node | null | undefined) =>
    n != null && someDescendant(n, (m) => m.type === 'Identifier' && m.name === data.name);
  const fails = (n: Node | null | undefined) =>
    n != null &&
    someDescendant(
      n,
      (m) =>
        m.type === 'ThrowStatement' ||
        (m.type === 'CallExpression' &&
          (m.arguments as Node[]).length > 0 &&
          HANDS_ON.test(calleeName(m) ?? '')),
    );
  return someDescendant(
    callback.body as Node,
    (n) =>
      n.type === 'IfStatement' && mentions(n.test as Node) && (fails(n.consequent) || fails(n.alternate)),
  );
}

/** The callback takes no error, or reads it only in log lines (and does not fail on a missing result). */
function ignoresError(ctx: ModuleContext, callback: Node): boolean {
  const error = unwrap((callback.params as Node[])[0]);
  if (error === undefined) return true;
  if (error.type !== 'Identifier') return false;
  if (failsOnMissingResult(callback)) return false;
  return !someDescendant(
    callback.body as Node,
    (n) => n.type === 'Identifier' && n.name === error.name && !inLogLine(ctx, n, callback),
  );
}

/**
 * Reports each aws-sdk v2 callback call whose callback ignores its error, on a handler's path (in a helper
 * module: held until a handler reaches an export that makes it). Telemetry, and a call a comment calls best
 * effort, are left alone.
 *
 * @example
 * ssm.putParameter({ Name, Value, Overwrite: true }, () => {}); // reported
 */
export function ignoredSdkCallbackErrorRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('aws-sdk')) return;
  for (const call of ctx.of('CallExpression')) {
    const method = sdkCallWithCallback(ctx, call);
    const callback = unwrap((call.arguments as Node[]).at(-1));
    if (method === undefined || callback === undefined || !isFunction(callback)) continue;
    if (!ignoresError(ctx, callback)) continue;
    // Telemetry, and a call a comment calls best effort, are left alone as a catch around them would be.
    if (TELEMETRY_CALL.test(method) || inTelemetryFunction(ctx, call) || saysBestEffort(ctx, call)) continue;
    const message = `the aws-sdk v2 ${method} callback never reads its error: a failed request passes for success and nothing retries it`;
    if (ctx.handlerKindAt(call) !== undefined) {
      report('swallowed-error', call, message);
      continue;
    }
    const exported = exportsReaching(ctx, call, true);
    if (exported.length > 0)
      report('swallowed-error', call, `${message}, in a function a Lambda handler calls`, {
        onlyIfExportOnHandlerPath: exported,
        onlyIfEventCaller: sharedRequest(ctx, call),
      });
  }
}
