// swallowed-error for errors as values (fp-ts `Either`, neverthrow `Result`, `{ ok: false }` results) where
// nobody reads the value. Lambda takes a queue or stream handler's normal return for success whatever it
// holds (only `batchItemFailures` is read): a handler that returns the `Left` instead of throwing deletes
// the SQS message or checkpoints the stream record, and the work is never retried. And in a function that
// answers errors as values, an awaited call whose answer the function returns elsewhere (`return await
// propagate(...)`) but drops in one branch (`await propagate(...);`) loses that branch's failure.
import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { someBelow } from '../subtreeIndex.js';
import { isLogCall } from './catchFacts.js';
import type { Report } from './Report.js';

const FAILURE_GUARD = new Set(['isLeft', 'isErr', 'isError', 'isFailure', 'isFailed']);
const SUCCESS_FIELD = new Set(['ok', 'success']);
/** The constructors of a success value: a function that returns one answers errors as values. */
const SUCCESS_VALUE = new Set(['right', 'ok', 'Ok', 'success']);

const nameOf = (n: Node | undefined): string | undefined =>
  unwrap(n)?.type === 'Identifier' ? (unwrap(n)?.name as string) : undefined;

/**
 * The name a failure test is about: `isLeft(v)`, `E.isLeft(v)`, `v.isErr()`, `v._tag === 'Left'`,
 * `!v.ok`, `v.success === false`.
 */
function failureTested(test: Node): string | undefined {
  const t = unwrap(test);
  if (t?.type === 'CallExpression') {
    const name = calleeName(t);
    if (name === undefined || !FAILURE_GUARD.has(name)) return undefined;
    if ((t.arguments as Node[]).length === 1) return nameOf(t.arguments[0]);
    const callee = unwrap(t.callee);
    return (t.arguments as Node[]).length === 0 && callee?.type === 'MemberExpression'
      ? nameOf(callee.object)
      : undefined;
  }
  const field = (m: Node | undefined, names: Set<string>) => {
    const u = unwrap(m);
    if (u?.type !== 'MemberExpression' || u.computed === true) return undefined;
    return names.has(u.property?.name as string) ? nameOf(u.object) : undefined;
  };
  if (t?.type === 'UnaryExpression' && t.operator === '!') return field(t.argument, SUCCESS_FIELD);
  // `v instanceof Error`: an error handed back as the answer.
  if (t?.type === 'BinaryExpression' && t.operator === 'instanceof' && nameOf(t.right) === 'Error')
    return nameOf(t.left);
  if (t?.type !== 'BinaryExpression' || (t.operator !== '===' && t.operator !== '==')) return undefined;
  const right = unwrap(t.right);
  if (right?.type === 'Literal' && right.value === false) return field(t.left, SUCCESS_FIELD);
  if (right?.type === 'Literal' && right.value === 'Left') return field(t.left, new Set(['_tag']));
  return undefined;
}

/**
 * `if (isLeft(v)) return v;` (log lines before the return allowed): the return that hands the failure on; or
 * a bare `return` after logging it, which ends the handler as a success all the same.
 */
export function returnsTheFailure(statement: Node): Node | undefined {
  if (statement.type !== 'IfStatement') return undefined;
  const name = failureTested(statement.test as Node);
  if (name === undefined) return undefined;
  const c = statement.consequent as Node;
  const body = c.type === 'BlockStatement' ? (c.body as Node[]) : [c];
  const last = body[body.length - 1];
  if (last?.type !== 'ReturnStatement' || !body.slice(0, -1).every((s) => isLogCall(s))) return undefined;
  // `if (isError(messages)) { log(...); return; }`: logged and the run ends as a success.
  if (last.argument == null) return body.length > 1 ? last : undefined;
  const value = unwrap(last.argument as Node | null);
  const answered = value?.type === 'AwaitExpression' ? (value.argument as Node) : value;
  // `return v` or a failure of its own (`return left('ERROR')`).
  return nameOf(answered) === name || calledName(answered) === 'left' ? last : undefined;
}

/**
 * Handlers whose return value Lambda ignores: queue and stream consumers (a normal return deletes the
 * batch), and entry handlers that take no event (a schedule: a normal return is a successful run, no
 * Errors metric, no retry). An HTTP handler's return is its response, so it is not one of them.
 */
export function ignoringReturn(ctx: ModuleContext): Set<Node> {
  const fns = new Set(ctx.batchHandlers);
  for (const [fn, kind] of ctx.handlers)
    if (kind === 'entry' && (fn.params as Node[]).length === 0) fns.add(fn);
  return fns;
}

function handlersReturningFailures(ctx: ModuleContext, report: Report): void {
  for (const fn of ignoringReturn(ctx)) {
    returnedFailureValue(ctx, fn, report);
    someDescendant(
      fn.body as Node,
      (n) => {
        const at = returnsTheFailure(n);
        if (at !== undefined)
          report(
            'swallowed-error',
            at,
            `the handler ${at.argument == null ? 'logs the failure and returns' : 'returns the failure as a value'} instead of throwing: Lambda takes any return of a queue, stream or scheduled handler for success, so the message is deleted (the record checkpointed, the run counted as a success) and the work is never retried`,
          );
        return false;
      },
      true,
    );
  }
}

/**
 * The constructors of a failure value (fp-ts `left`, neverthrow `err`, an `Error` made to be returned), the
 * cheap test before reading returns.
 */
export const FAILURE_WORDS = /\b(?:left|err|Err)\s*\(|\bnew\s+\w*Error\s*\(/;
const FAILURE_VALUE = new Set(['left', 'err', 'Err']);

/**
 * A failure value, or a choice that may be one: `left('ERROR')`, `failed ? left(e) : right(v)`, or an error
 * returned instead of thrown (`return new Error('Index does not exist')`).
 */
function failureAnswer(expression: Node | null | undefined): boolean {
  const e = unwrap(expression);
  if (e?.type === 'ConditionalExpression') return failureAnswer(e.consequent) || failureAnswer(e.alternate);
  if (e?.type === 'NewExpression') return /Error$/.test(unwrap(e.callee as Node)?.name ?? '');
  return FAILURE_VALUE.has(calledName(e) ?? '');
}

/** One of the function's own returns is a failure value: `return left('ERROR')`, `return err(e)`. */
export function returnsFailureValue(fn: Node): boolean {
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return failureAnswer(body);
  return someBelow(body, ['ReturnStatement'], (n) => failureAnswer(n.argument as Node | null), true);
}

/**
 * `return eitherListToDefaultOk(results)` in a handler whose return Lambda ignores: the answer of a function
 * that answers failures as values (its own `return left('ERROR')`) is handed to Lambda, which takes it for
 * success. A module-local function is read here; an imported one by the project pass (ExportFact.failureValue).
 */
function returnedFailureValue(ctx: ModuleContext, fn: Node, report: Report): void {
  someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type !== 'ReturnStatement') return false;
      const name = calledName(n.argument as Node | null);
      if (name === undefined || SUCCESS_VALUE.has(name) || FAILURE_VALUE.has(name)) return false;
      const call = unwrap(n.argument as Node);
      const callee = unwrap(
        (call?.type === 'AwaitExpression' ? unwrap(call.argument as Node) : call)?.callee,
      );
      if (callee === undefined) return false;
      const message = `the handler returns ${name}()'s answer, which is a failure value when the work failed, instead of throwing: Lambda takes any return of a queue, stream or scheduled handler for success, so the message is deleted and the work is never retried`;
      const imp = ctx.importOf(name, callee);
      const local = imp === undefined ? ctx.functionOf(callee) : undefined;
      if (imp !== undefined && ctx.projectImports.has(name) && imp.imported !== '*')
        report('swallowed-error', n, message, {
          onlyIfImportFailureValue: { from: ctx.file, source: imp.source, name: imp.imported },
        });
      else if (local !== undefined && returnsFailureValue(local)) report('swallowed-error', n, message);
      return false;
    },
    true,
  );
}

/** The name of the call an expression awaits or is: `await propagate(x)` -> `propagate`. */
function calledName(expression: Node | null | undefined): string | undefined {
  let e = unwrap(expression);
  if (e?.type === 'AwaitExpression') e = unwrap(e.argument as Node);
  return e?.type === 'CallExpression' && unwrap(e.callee)?.type === 'Identifier' ? calleeName(e) : undefined;
}

function droppedErrorValues(ctx: ModuleContext, report: Report): void {
  const dropped = new Map<Node, Node[]>();
  for (const s of ctx.of('ExpressionStatement')) {
    if (unwrap(s.expression as Node)?.type !== 'AwaitExpression' || calledName(s.expression) === undefined)
      continue;
    const fn = ctx.enclosingFunction(s);
    if (fn !== undefined) dropped.set(fn, [...(dropped.get(fn) ?? []), s]);
  }
  for (const [fn, statements] of dropped) {
    const returned = new Set<string>();
    let answersValues = false;
    someDescendant(
      fn.body as Node,
      (n) => {
        const name = n.type === 'ReturnStatement' ? calledName(n.argument as Node | null) : undefined;
        if (name !== undefined && SUCCESS_VALUE.has(name)) answersValues = true;
        else if (name !== undefined) returned.add(name);
        return false;
      },
      true,
    );
    if (!answersValues) continue;
    for (const s of statements) {
      const name = calledName(s.expression as Node) as string;
      if (returned.has(name))
        report(
          'swallowed-error',
          s,
          `${name}() answers its failure as a value, which this function returns elsewhere, but here the awaited answer is dropped: the failure is lost and the function answers success`,
        );
    }
  }
}

/**
 * @example
 * queueErrorValueRules(ctx, report) // SQS handler with `if (isLeft(key)) return key;` -> swallowed-error at the return
 */
export function queueErrorValueRules(ctx: ModuleContext, report: Report): void {
  const guards =
    ctx.spells('isLeft') ||
    ctx.spells('isErr') ||
    ctx.spells('isFail') ||
    ctx.spells('_tag') ||
    ctx.spells('instanceof Error');
  if (
    ctx.handlers.size + ctx.batchHandlers.size > 0 &&
    (guards || ctx.spells('.ok') || ctx.spells('.success') || ctx.spells('Either'))
  )
    handlersReturningFailures(ctx, report);
  if (ctx.spells('right(') || ctx.spells('ok(') || ctx.spells('Ok(') || ctx.spells('success('))
    droppedErrorValues(ctx, report);
}
