// floating-promise: an aws-sdk v2 request fired from a project helper with a callback that only logs
// (`cloudwatch.putMetricData(params, (err) => { if (err) console.log(err) })`). The helper returns at once
// and nothing ties the request to its caller: a handler that reaches it answers with the request in flight,
// so it may be frozen before it is sent. A callback that hands the outcome on (`resolve`, the caller's
// `cb`) is the caller's to wait for, and is not read here.
import { isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isLogCall, isObservation } from './catchFacts.js';
import { sdkCallWithCallback } from './sdkCallbackAnswers.js';

/**
 * A statement that only reports the outcome: a log line or other observation (catchFacts.ts), a bare
 * `return` or `return console.log(err)` that ends the callback with nothing handed on, or a branch of these.
 * A local binding is read as work, not a report.
 */
function observes(stmt: Node | null | undefined): boolean {
  if (stmt == null) return true;
  if (stmt.type === 'ReturnStatement') return stmt.argument == null || isLogCall(stmt.argument as Node);
  if (stmt.type === 'BlockStatement') return (stmt.body as Node[]).every(observes);
  if (stmt.type === 'IfStatement')
    return observes(stmt.consequent as Node) && observes(stmt.alternate as Node | null);
  return stmt.type !== 'VariableDeclaration' && isObservation(stmt);
}

/**
 * The callback's body only reports the outcome (it may test the error first).
 *
 * @example
 * onlyLogs(fn) // (err) => { if (err) console.log(err) } -> true
 */
export function onlyLogs(fn: Node): boolean {
  const body = fn.body as Node;
  return body.type === 'BlockStatement' ? observes(body) : isLogCall(body);
}

/**
 * aws-sdk v2 calls written as statements inside a function, whose inline callback only logs.
 *
 * @example
 * loggedSdkCallbacks(ctx) // cloudwatch.putMetricData(params, function (err) { if (err) console.log(err) }) -> [call]
 */
export function loggedSdkCallbacks(ctx: ModuleContext): { call: Node; method: string }[] {
  if (!ctx.spells('aws-sdk')) return [];
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
