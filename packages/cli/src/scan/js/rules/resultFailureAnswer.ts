// swallowed-error for a failure that comes back as a Result, with no catch: ucanto's and filecoin-api's
// `const { ok, error } = await f()`, supabase's `{ data, error }`, neverthrow's `result.isErr()`. The awaited
// call does not throw; the code tests the failure and answers. In an entry handler that branch is the catch
// that answers the failure as a value (unreadFailureAnswer.ts): `if (error) return { statusCode: 500 }` is an
// API's answer, but a queue, a stream, a schedule or an asynchronous source reads none, so the failed run
// counts as a success and its records are deleted. Held, as the catch is, until a template wires the handler
// to such an invoker. A branch that throws, hands the error on (`callback(error)`) or answers a batch
// failure (`{ batchItemFailures }`) is left alone, and so is a Result not awaited: `schema.validate(body)`
// answers `{ error }` for a bad input, which no redelivery would fix.
import { forEachDescendant, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { ERROR_KEY } from './carriedError.js';
import { isObservation } from './catchFacts.js';
import { failureObject } from './failureResult.js';
import { errorAnswerCall } from './namedErrorAnswer.js';
import { ignoringReturn, returnsTheFailure } from './queueErrorValues.js';
import type { Report } from './Report.js';
import { unreadFailureAnswer } from './unreadFailureAnswer.js';

/** The Result's failure as the code can name it: its error field's local, its `ok` field's, or the whole. */
interface Bound {
  readonly error?: string;
  readonly ok?: string;
  readonly result?: string;
}

/** `const { ok, error: e } = await f()`, `const result = await f()`: the names the awaited Result is held in. */
function boundResult(declarator: Node): Bound | undefined {
  const id = declarator.id as Node;
  if (id.type === 'Identifier') return { result: id.name as string };
  if (id.type !== 'ObjectPattern') return undefined;
  let error: string | undefined;
  let ok: string | undefined;
  for (const p of id.properties as Node[]) {
    if (p.type !== 'Property') continue;
    const key = propertyName(p.key, p.computed as boolean) ?? '';
    const value = unwrap(p.value as Node);
    const local = value?.type === 'Identifier' ? (value.name as string) : undefined;
    if (ERROR_KEY.test(key)) error = local;
    else if (key === 'ok') ok = local;
  }
  if (error === undefined && ok === undefined) return undefined;
  return { ...(error === undefined ? {} : { error }), ...(ok === undefined ? {} : { ok }) };
}

const isName = (n: Node | undefined, name: string | undefined) =>
  name !== undefined && n?.type === 'Identifier' && n.name === name;

/** `r.error`, `r?.err`: a read of the Result's error field. */
function errorField(n: Node | undefined, result: string | undefined): boolean {
  return (
    n?.type === 'MemberExpression' &&
    isName(unwrap(n.object as Node), result) &&
    ERROR_KEY.test(propertyName(n.property as Node, n.computed as boolean) ?? '')
  );
}

/** `r.isErr()`, `r.isFailure()`: neverthrow's and its cousins' failure test. */
function errMethod(n: Node | undefined, result: string | undefined): boolean {
  if (n?.type !== 'CallExpression') return false;
  const callee = unwrap(n.callee as Node);
  return (
    callee?.type === 'MemberExpression' &&
    isName(unwrap(callee.object as Node), result) &&
    /^(isErr|isError|isFailure|isLeft)$/.test(propertyName(callee.property as Node) ?? '')
  );
}

/** `!ok`, `!r.ok`, `!r.isOk()`: the success side denied. */
function deniedOk(n: Node | undefined, bound: Bound): boolean {
  if (n?.type !== 'UnaryExpression' || n.operator !== '!') return false;
  const a = unwrap(n.argument as Node);
  if (isName(a, bound.ok)) return true;
  if (a?.type === 'MemberExpression')
    return isName(unwrap(a.object as Node), bound.result) && propertyName(a.property as Node) === 'ok';
  if (a?.type !== 'CallExpression') return false;
  const callee = unwrap(a.callee as Node);
  return (
    callee?.type === 'MemberExpression' &&
    isName(unwrap(callee.object as Node), bound.result) &&
    /^(isOk|isSuccess|isRight)$/.test(propertyName(callee.property as Node) ?? '')
  );
}

/** Is `test` true when the Result failed: `error`, `error != null`, `r.error`, `!r.ok`, `r.isErr()`, or `a || b`? */
function failureTest(test: Node | undefined, bound: Bound): boolean {
  const t = unwrap(test);
  if (t === undefined) return false;
  if (t.type === 'LogicalExpression' && t.operator === '||')
    return failureTest(t.left as Node, bound) || failureTest(t.right as Node, bound);
  if (t.type === 'BinaryExpression' && (t.operator === '!=' || t.operator === '!==')) {
    const right = unwrap(t.right as Node);
    const nothing = right?.type === 'Literal' ? right.value === null : isName(right, 'undefined');
    return nothing && failureTest(t.left as Node, bound);
  }
  return (
    isName(t, bound.error) || errorField(t, bound.result) || errMethod(t, bound.result) || deniedOk(t, bound)
  );
}

/** The failure handed on, not answered: `callback(error)`, a batch failure list. */
function handsOn(value: Node | undefined, bound: Bound): boolean {
  if (value?.type === 'CallExpression')
    return (value.arguments as Node[]).some(
      (a) => isName(unwrap(a), bound.error) || errorField(unwrap(a), bound.result),
    );
  return (
    value?.type === 'ObjectExpression' &&
    (value.properties as Node[]).some(
      (p) => p.type === 'Property' && propertyName(p.key, p.computed as boolean) === 'batchItemFailures',
    )
  );
}

/** An answer that says nothing went wrong to whoever ignores it: nothing, a literal, a failure object, the error. */
function answersAValue(value: Node | undefined, bound: Bound): boolean {
  if (handsOn(value, bound) && !errorAnswerCall(value)) return false;
  if (value === undefined || value.type === 'Literal' || isName(value, 'undefined')) return true;
  if (failureObject(value) || errorAnswerCall(value)) return true;
  if (isName(value, bound.error) || errorField(value, bound.result)) return true;
  // `{ error }`, `{ ok: false, error: e }`: the Result itself, or its error, handed back as the answer.
  return (
    value.type === 'ObjectExpression' &&
    (value.properties as Node[]).some(
      (p) =>
        p.type === 'Property' &&
        ERROR_KEY.test(propertyName(p.key, p.computed as boolean) ?? '') &&
        (isName(unwrap(p.value as Node), bound.error) || errorField(unwrap(p.value as Node), bound.result)),
    )
  );
}

/** The branch only observes the failure, then returns a value: no throw, no work. */
function answeringBranch(branch: Node, bound: Bound): boolean {
  if (someDescendant(branch, (n) => n.type === 'ThrowStatement', true) || branch.type === 'ThrowStatement')
    return false;
  const statements = branch.type === 'BlockStatement' ? (branch.body as Node[]) : [branch];
  const last = statements.at(-1);
  if (last?.type !== 'ReturnStatement') return false;
  return (
    statements.slice(0, -1).every((s) => isObservation(s)) &&
    answersAValue(unwrap(last.argument as Node | null), bound)
  );
}

/**
 * The `if` statements after `from` in `fn` that test the Result's failure and only answer on it. One
 * queueErrorValues.ts already reports (the Result handed back, or a logged bare return, by a handler whose
 * return Lambda ignores whatever wires it) is its finding, not a second one here.
 */
function answeredFailures(fn: Node, from: number, bound: Bound, reported: boolean): Node[] {
  const out: Node[] = [];
  forEachDescendant(
    fn.body as Node,
    (n) => {
      if (n.type !== 'IfStatement' || n.start < from || !failureTest(n.test as Node, bound)) return true;
      if (answeringBranch(n.consequent as Node, bound) && !(reported && returnsTheFailure(n) !== undefined))
        out.push(n);
      return true;
    },
    true,
  );
  return out;
}

const RESULT_MESSAGE =
  'the handler tests the failure the awaited call answers as a value (its error field, `!ok`, `isErr()`) and returns a value on it, but what invokes it reads no answer (a schedule, an asynchronous source, a queue, a Step Functions task): the failed run counts as a success, so no retry, Catch or alarm sees it';

/**
 * Reports, held for the templates, the branch of an awaited Result's failure that an entry handler (or the
 * function whose answer it returns) answers as a value.
 *
 * @example
 * // export const main = async (e) => { const { error } = await handle(e); if (error) return { statusCode: 500 } }
 * resultFailureAnswerRule(ctx, report) // swallowed-error at `if (error)`, kept if a queue invokes main
 */
export function resultFailureAnswerRule(ctx: ModuleContext, report: Report): void {
  if (ctx.handlers.size === 0) return;
  const ignoring = ignoringReturn(ctx);
  for (const call of ctx.of('CallExpression')) {
    const awaited = ctx.parentOf(call);
    if (awaited?.type !== 'AwaitExpression') continue;
    const declarator = ctx.climb(awaited, (p) => p.type === 'ParenthesizedExpression').parent;
    if (declarator?.type !== 'VariableDeclarator') continue;
    const bound = boundResult(declarator);
    const fn = bound === undefined ? undefined : ctx.enclosingFunction(declarator);
    if (bound === undefined || fn === undefined || ctx.handlerKindAt(declarator) === undefined) continue;
    for (const branch of answeredFailures(fn, declarator.end, bound, ignoring.has(fn)))
      unreadFailureAnswer(ctx, branch, report, RESULT_MESSAGE);
  }
}
