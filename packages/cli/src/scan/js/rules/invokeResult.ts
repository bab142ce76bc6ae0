// swallowed-error for Lambda's Invoke API: a synchronous invocation (`RequestResponse`, the default)
// answers HTTP 200 when the invoked function throws, times out or runs out of memory, with
// `FunctionError: 'Unhandled'` (or `'Handled'`) set and the error object in `Payload`. The SDK does not
// throw for it, so a caller that never reads `FunctionError` takes the error object for the function's
// answer. Judged as a batch API's answer is (partialBatch.ts), with `FunctionError` as its failure field.
import { calleeName, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { sendOf, sendsOfVariable } from './batchSends.js';
import { recordsSuccessAfter } from './catchAfter.js';
import { selectsOwnWork } from './catchExemptions.js';
import { judgeBatch } from './partialBatch.js';
import type { Report } from './Report.js';
import { inTelemetryFunction } from './telemetryFacts.js';

/**
 * The invocation waits for the function's answer: no `InvocationType`, or `'RequestResponse'`. `Event`
 * (asynchronous: 202, retried and dead-lettered by Lambda) and `DryRun` answer no `FunctionError`; a type
 * the module does not write out (a parameter) is not judged.
 */
function synchronous(ctx: ModuleContext, params: Node | undefined): boolean {
  const object = ctx.valueOf(params);
  if (object?.type !== 'ObjectExpression') return false;
  const type = (object.properties as Node[]).find(
    (p) => p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === 'InvocationType',
  );
  if (type === undefined) return !(object.properties as Node[]).some((p) => p.type === 'SpreadElement');
  const value = unwrap(type.value as Node);
  if (value?.type === 'Literal') return value.value === 'RequestResponse';
  // `InvocationType.RequestResponse` (the SDK's enum).
  return (
    value?.type === 'MemberExpression' && propertyName(value.property as Node, false) === 'RequestResponse'
  );
}

/**
 * The payload is read so that the error object fails the read: a field two deep
 * (`JSON.parse(Payload).body.dates`) or the API-style body parsed again (`JSON.parse(JSON.parse(Payload).body)`):
 * `{ errorMessage, errorType }` has neither, and the read throws.
 */
const DEEP_PAYLOAD =
  /JSON\.parse\(\s*JSON\.parse\(|JSON\.parse\([^;\n]*\)\s*(?:\.\s*\w+|\[[^\]]+\])\s*(?:\.\s*\w+|\[[^\]]+\])|JSON\.parse\(\s*\w+\.body\s*\)/;

/** The params object names a `FunctionName`: Lambda's Invoke, not another library's `invoke`. */
function namesFunction(ctx: ModuleContext, params: Node | undefined): boolean {
  const object = ctx.valueOf(params);
  return (
    object?.type === 'ObjectExpression' &&
    (object.properties as Node[]).some(
      (p) => p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === 'FunctionName',
    )
  );
}

/**
 * The function's error is looked at another way after the send: the error object's own fields
 * (`payload.errorMessage`, `errorType`), a read the error object fails (DEEP_PAYLOAD), or a throw
 * conditioned on the answer (`if (body.statusCode !== 200) throw ...`), which the error object fails too.
 */
function checkedOtherwise(ctx: ModuleContext, sent: Node): boolean {
  const fn = ctx.enclosingFunction(sent);
  const text = fn === undefined ? '' : ctx.source.slice(sent.end, fn.end);
  return (
    /\b(errorMessage|errorType|FunctionError)\b/.test(text) ||
    DEEP_PAYLOAD.test(text) ||
    someThrow(ctx, sent, fn)
  );
}

function someThrow(ctx: ModuleContext, sent: Node, fn: Node | undefined): boolean {
  if (fn === undefined) return false;
  return someDescendant(
    fn.body as Node,
    (n) =>
      n.start > sent.end &&
      n.type === 'ThrowStatement' &&
      ctx.enclosingFunction(n) === fn &&
      !rethrowsAround(ctx, n, sent),
  );
}

/**
 * The throw sits in the `catch` of a `try` that holds the send: it hands on what was thrown (the SDK's own
 * failure, or a read that failed), and says nothing of an answer that came back with `FunctionError` set.
 */
function rethrowsAround(ctx: ModuleContext, thrown: Node, sent: Node): boolean {
  for (let at = ctx.parentOf(thrown); at !== undefined; at = ctx.parentOf(at)) {
    if (at.type !== 'CatchClause') continue;
    const attempt = ctx.parentOf(at)?.block as Node | undefined;
    if (attempt !== undefined && attempt.start <= sent.start && sent.end <= attempt.end) return true;
  }
  return false;
}

/**
 * Reports a synchronous `Invoke` (v3 `InvokeCommand`, v2 `lambda.invoke(params).promise()`) whose
 * answer is dropped, only printed, or read for `Payload` alone.
 *
 * @example
 * const { Payload } = await lambda.send(new InvokeCommand({ FunctionName: 'price', Payload: body })); // reported
 */
export function invokeResultRule(ctx: ModuleContext, given: Report): void {
  const has = (word: string) => ctx.spells(word);
  if (!has('InvokeCommand') && !(has('.invoke(') && has('FunctionName'))) return;
  // A job that selects its own work each run tries again next run, as for a batch (partialBatch.ts).
  const report: Report = selectsOwnWork(ctx)
    ? (rule, node, message, extra) => {
        if (recordsSuccessAfter(ctx, node)) given(rule, node, message, extra);
      }
    : given;
  const judge = (at: Node, send: Node) => {
    // Best-effort telemetry (`sendUsageMetric`): losing one data point is the intended outcome.
    if (inTelemetryFunction(ctx, send)) return;
    const climbed = ctx.climb(
      send,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    if (checkedOtherwise(ctx, climbed.node)) return;
    judgeBatch(ctx, report, at, climbed, 'FunctionError', 'Invoke');
  };
  for (const command of ctx.of('NewExpression')) {
    if (unwrap(command.callee)?.name !== 'InvokeCommand') continue;
    if (!synchronous(ctx, (command.arguments as Node[])[0])) continue;
    const sent = sendOf(ctx, command);
    if (sent !== undefined) {
      if (!checkedOtherwise(ctx, sent.node) && !inTelemetryFunction(ctx, command))
        judgeBatch(ctx, report, command, sent, 'FunctionError', 'Invoke');
      continue;
    }
    for (const send of sendsOfVariable(ctx, command)) judge(send, send);
  }
  for (const call of ctx.of('CallExpression')) {
    // `await lambda.invoke({ FunctionName, Payload })`: the v3 aggregated client (`new Lambda({})`) answers a
    // promise itself; a v2 request is judged below, through its `.promise()`, and a callback form not at all.
    if (calleeName(call) !== 'invoke' || unwrap(call.callee)?.type !== 'MemberExpression') continue;
    const [params, callback] = call.arguments as Node[];
    if (callback !== undefined || !namesFunction(ctx, params) || !synchronous(ctx, params)) continue;
    const member = ctx.parentOf(call);
    if (member?.type === 'MemberExpression' && member.object === call) continue;
    judge(call, call);
  }
  if (!has('.promise(')) return;
  for (const call of ctx.of('CallExpression')) {
    // `lambda.invoke(params).promise()`: the v2 request, made a promise.
    if (calleeName(call) !== 'promise' || (call.arguments as Node[]).length > 0) continue;
    const request = unwrap(unwrap(call.callee)?.object);
    if (request?.type !== 'CallExpression' || calleeName(request) !== 'invoke') continue;
    if (unwrap(request.callee)?.type !== 'MemberExpression') continue;
    if (!synchronous(ctx, (request.arguments as Node[])[0])) continue;
    judge(request, call);
  }
}
