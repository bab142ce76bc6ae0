// floating-promise: an aws-sdk v2 request fired from a project helper with a callback that only logs
// (`cloudwatch.putMetricData(params, (err) => { if (err) console.log(err) })`). The helper returns at once
// and nothing ties the request to its caller: a handler that reaches it answers with the request in flight,
// so it may be frozen before it is sent. A callback that hands the outcome on (`resolve`, the caller's
// `cb`) is the caller's to wait for, and is not read here.
import { forEachDescendant, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { sdkCallWithCallback } from './sdkCallbackAnswers.js';

/** The function's body calls nothing but `console.*` (it may test the error first). */
function onlyLogs(fn: Node): boolean {
  let other = false;
  forEachDescendant(fn.body as Node, (n) => {
    if (n.type === 'CallExpression' && memberPath(n.callee)?.[0] !== 'console') other = true;
    if (n.type === 'AssignmentExpression' || n.type === 'ReturnStatement' || n.type === 'ThrowStatement')
      other = true;
    return !other;
  });
  return !other;
}

/**
 * aws-sdk v2 calls written as statements inside a function, whose inline callback only logs.
 *
 * @example
 * loggedSdkCallbacks(ctx) // cloudwatch.putMetricData(params, function (err) { if (err) console.log(err) }) -> [call]
 */
export function loggedSdkCallbacks(ctx: ModuleContext): { call: Node; method: string }[] {
  if (!ctx.source.includes('aws-sdk')) return [];
  const out: { call: Node; method: string }[] = [];
  for (const stmt of ctx.of('ExpressionStatement')) {
    const call = unwrap(stmt.expression);
    if (call?.type !== 'CallExpression' || ctx.enclosingFunction(stmt) === undefined) continue;
    const method = sdkCallWithCallback(ctx, call);
    const callback = unwrap((call.arguments as Node[]).at(-1));
    if (method !== undefined && callback !== undefined && isFunction(callback) && onlyLogs(callback))
      out.push({ call, method });
  }
  return out;
}
