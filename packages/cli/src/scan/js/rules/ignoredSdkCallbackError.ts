// swallowed-error: an aws-sdk v2 request whose node-style callback never reads its error: it takes no
// parameter (`ssm.putParameter(params, () => {})`), or names the error only to print it before going on
// (`(error, data) => { console.log(error, data); resolve(data) }`). v2 hands a failed request's error to
// that callback and nowhere else: no rejection, no throw. The failure passes for success, and what the
// request was for (a cached token, an invoked job) silently never happened.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isLevelledLog } from './levelledLog.js';
import type { Report } from './Report.js';
import { sdkCallWithCallback } from './sdkCallbackAnswers.js';
import { inTelemetryFunction } from './telemetryFacts.js';

/** `new AWS.Lambda().invoke(params, cb)`: a v2 client made in place, imported from aws-sdk. */
function madeInPlace(ctx: ModuleContext, call: Node): string | undefined {
  const args = call.arguments as Node[];
  const callee = unwrap(call.callee);
  const made = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
  if (args.length < 2 || !isFunction(unwrap(args.at(-1))) || made?.type !== 'NewExpression') return undefined;
  const source = ctx.importRoot(made.callee as Node)?.source;
  return source !== undefined && /^aws-sdk(?:\/|$)/.test(source)
    ? (callee?.property?.name as string)
    : undefined;
}

/** The statement or arrow body holding `node` is a log line. */
function inLogLine(ctx: ModuleContext, node: Node, callback: Node): boolean {
  for (let at: Node | undefined = node; at !== undefined && at !== callback; at = ctx.parentOf(at)) {
    const parent = ctx.parentOf(at);
    if (at.type === 'ExpressionStatement' || parent === callback) return isLevelledLog(at);
  }
  return false;
}

/** The callback takes no error, or reads it only in log lines. */
function ignoresError(ctx: ModuleContext, callback: Node): boolean {
  const error = unwrap((callback.params as Node[])[0]);
  if (error === undefined) return true;
  if (error.type !== 'Identifier') return false;
  return !someDescendant(
    callback.body as Node,
    (n) => n.type === 'Identifier' && n.name === error.name && !inLogLine(ctx, n, callback),
  );
}

/**
 * Reports each aws-sdk v2 callback call whose callback ignores its error, on a handler's path (in a helper
 * module: held until a handler reaches an export that makes it). Telemetry is best effort and left alone.
 *
 * @example
 * ssm.putParameter({ Name, Value, Overwrite: true }, () => {}); // reported
 */
export function ignoredSdkCallbackErrorRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.source.includes('aws-sdk')) return;
  for (const call of ctx.of('CallExpression')) {
    const method = sdkCallWithCallback(ctx, call) ?? madeInPlace(ctx, call);
    const callback = unwrap((call.arguments as Node[]).at(-1));
    if (method === undefined || callback === undefined || !isFunction(callback)) continue;
    if (!ignoresError(ctx, callback) || inTelemetryFunction(ctx, call)) continue;
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
