// swallowed-error for Lambda's Invoke API: a synchronous invocation (`RequestResponse`, the default)
// answers HTTP 200 when the invoked function throws, times out or runs out of memory, with
// `FunctionError: 'Unhandled'` (or `'Handled'`) set and the error object in `Payload`. The SDK does not
// throw for it, so a caller that never reads `FunctionError` takes the error object for the function's
// answer. Judged as a batch API's answer is (answerSends.ts, partialBatch.ts), with `FunctionError` as its failure field.

import { escapeRegExp } from '../../escapeRegExp.js';
import { type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { type AnswerApi, answerSendsRule } from './answerSends.js';
import type { TimeoutFromCaller } from './callerTimeouts.js';
import { fromCallers } from './cdkPassedProps.js';
import type { Report } from './Report.js';

/**
 * The invocation waits for the function's answer: no `InvocationType`, or `'RequestResponse'`. `Event`
 * (asynchronous: 202, retried and dead-lettered by Lambda) and `DryRun` answer no `FunctionError`; a type
 * the helper's caller hands in is typeFromCaller's.
 */
function synchronous(_ctx: ModuleContext, object: Node | undefined): boolean {
  if (object?.type !== 'ObjectExpression') return false;
  const type = (object.properties as Node[]).find(
    (p) => p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === 'InvocationType',
  );
  if (type === undefined) return !(object.properties as Node[]).some((p) => p.type === 'SpreadElement');
  return waits(type.value as Node);
}

/**
 * The type written waits on some path: `'RequestResponse'`, the SDK's enum, or a choice one of whose
 * sides is that (`useAwait === false ? 'Event' : 'RequestResponse'`, `given ?? 'RequestResponse'`): on
 * that path the answer carries `FunctionError`, and a caller reading none loses it there.
 */
function waits(node: Node | undefined): boolean {
  const value = unwrap(node);
  if (value?.type === 'Literal') return value.value === 'RequestResponse';
  if (value?.type === 'ConditionalExpression') return waits(value.consequent) || waits(value.alternate);
  if (value?.type === 'LogicalExpression' && value.operator !== '&&') return waits(value.right);
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

/** What a call passes for a type that waits: `'RequestResponse'` spelled, or the SDK's enum member. */
const WAITING_ARGS = ["'RequestResponse'", '"RequestResponse"', 'InvocationType.RequestResponse'];

/**
 * `InvocationType: invocationType`, a parameter of the helper the send is in (`invokeLambda(name, event,
 * invocationType?)`): the invocation waits for the callers that pass none or `'RequestResponse'`, which the
 * project pass looks for (callerTimeoutArgs.ts). A default that does not wait (`= 'Event'`) leaves only the
 * callers that spell a waiting type: not judged.
 */
function typeFromCaller(ctx: ModuleContext, object: Node | undefined): TimeoutFromCaller | undefined {
  if (object?.type !== 'ObjectExpression') return undefined;
  const type = (object.properties as Node[]).find(
    (p) => p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === 'InvocationType',
  );
  const value = unwrap(type?.value as Node | undefined);
  const binding = value?.type === 'Identifier' ? ctx.resolve(value.name as string, value) : undefined;
  const fn = type === undefined ? undefined : ctx.enclosingFunction(type);
  if (binding?.kind !== 'param' || fn === undefined || binding.scope !== fn) return undefined;
  const param = binding.declaration;
  if (param.type === 'AssignmentPattern' && !waits(param.right as Node)) return undefined;
  // A helper that compares the type itself (`if (invocationType === InvocationType.RequestResponse) { ... }`)
  // sends on paths its own test chose: which callers reach this send, their argument alone does not say.
  const name = escapeRegExp(value?.name as string);
  const text = ctx.source.slice(fn.start, fn.end);
  if (new RegExp(`(?<![\\w$.])${name}\\s*[!=]==?|[!=]==?\\s*${name}(?![\\w$])`).test(text)) return undefined;
  const arg = (fn.params as Node[]).indexOf(param);
  const owner = arg === -1 ? undefined : fromCallers(ctx, type as Node, [{ arg, keys: [] }]);
  if (owner === null || owner === undefined) return undefined;
  const local = owner.local !== undefined ? { local: owner.local } : {};
  return { names: owner.names, ...local, arg, untimedArgs: WAITING_ARGS };
}

/** Lambda's Invoke: `FunctionError` is set on a 200 answer when the invoked function failed. */
const INVOKE: AnswerApi = {
  command: 'InvokeCommand',
  method: 'invoke',
  param: 'FunctionName',
  field: 'FunctionError',
  what: 'Invoke',
  applies: synchronous,
  checked: checkedOtherwise,
};

/**
 * Reports a synchronous `Invoke` (v3 `InvokeCommand`, v2 `lambda.invoke(params).promise()`) whose
 * answer is dropped, only printed, or read for `Payload` alone.
 *
 * @example
 * const { Payload } = await lambda.send(new InvokeCommand({ FunctionName: 'price', Payload: body })); // reported
 */
export function invokeResultRule(ctx: ModuleContext, report: Report): void {
  // The type a caller hands in, noted for the command just judged: answerSendsRule asks `applies` of each
  // command before it reports that command's sends.
  let fromCaller: TimeoutFromCaller | undefined;
  const applies = (c: ModuleContext, object: Node | undefined) => {
    fromCaller = synchronous(c, object) ? undefined : typeFromCaller(c, object);
    return fromCaller !== undefined || synchronous(c, object);
  };
  const conditioned: Report = (rule, node, message, extra) =>
    report(
      rule,
      node,
      message,
      fromCaller === undefined ? extra : { ...extra, onlyIfCallerOmits: fromCaller },
    );
  answerSendsRule(ctx, conditioned, { ...INVOKE, applies });
}
