// Catches that look like handling but, for the failure they do not recognise, only observe it: they leave
// the loop after logging, handle one kind of error and let every other fall through, or put a stand-in
// value where the failed read's result would have gone. Each is judged like a catch that only logs.
import { isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import { isDefaultValue } from '../emptyValues.js';
import type { ModuleContext } from '../ModuleContext.js';
import { allButNamedKinds, answersEveryPath, everyKind } from './allButOneKind.js';
import { doesIo, isLogCall, isObservation } from './catchFacts.js';
import { madeUpReturn, madeUpStored } from './madeUpRecord.js';

/**
 * What a catch that does not rethrow does with the failure, besides logging it:
 * - `leaves-loop`: `catch (e) { log(e); break; }` (or `continue`): the rest of the loop's items (or this
 *   one) are dropped and the function carries on with what it has, as if complete;
 * - `one-kind`: `catch (e) { if (e instanceof Conflict) return 409; }`: every other error falls through
 *   and the code after the try runs as if the try had succeeded;
 * - `stand-in`: `catch (e) { log(e); salt = FALLBACK_SALT; }`, `map.set(key, [])`: the failed read's result
 *   is replaced by a built-in value the rest of the code cannot tell from a real one.
 */
export type DropShape = 'leaves-loop' | 'one-kind' | 'stand-in';

/**
 * The shape of a catch whose statements do not all observe the error, when what they add still drops it.
 *
 * @example
 * dropShape(ctx, handler) // catch (error) { console.error(error); break; } -> 'leaves-loop'
 */
export function dropShape(ctx: ModuleContext, handler: Node): DropShape | undefined {
  const statements = (handler.body as Node).body as Node[];
  const last = statements.at(-1);
  if (last === undefined) return undefined;
  const before = statements.slice(0, -1);
  if (!before.every((s) => isObservation(s))) {
    return standIn(ctx, handler, statements) ? 'stand-in' : undefined;
  }
  // A bare `catch { break }` around another system's call (a page of DescribeLogStreams) ends the listing
  // without a trace: the caller gets the pages read so far as if they were all. Around local work (a
  // parse) it is the usual end-of-input idiom.
  const bare = before.length === 0 && last.type === 'BreakStatement' && silentIoBreak(ctx, handler);
  if ((last.type === 'BreakStatement' || last.type === 'ContinueStatement') && last.label == null)
    return (before.some((s) => isLogCall(s)) || bare) && leavesALoop(ctx, handler)
      ? 'leaves-loop'
      : undefined;
  if (last.type === 'IfStatement' && handlesOneKind(handler, before, last)) return 'one-kind';
  // `return { user_id: userId, email: null }` in place of the record the try returns (madeUpRecord.ts).
  if (madeUpReturn(ctx, handler, last)) return 'stand-in';
  return standIn(ctx, handler, statements) ? 'stand-in' : undefined;
}

/** The try of this catch calls another system (an SDK send or an HTTP request). */
function silentIoBreak(ctx: ModuleContext, handler: Node): boolean {
  const t = ctx.parentOf(handler);
  return t?.type === 'TryStatement' && doesIo(ctx, t.block as Node);
}

/** The nearest loop or switch around the catch is a loop (a `break` in a `switch` case leaves only the case). */
function leavesALoop(ctx: ModuleContext, handler: Node): boolean {
  for (let n = ctx.parentOf(handler); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type === 'SwitchStatement') return false;
    if (/^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(n.type)) return true;
    if (/Function/.test(n.type)) return false;
  }
  return false;
}

/**
 * `if (error instanceof X) { ...; return ... }` with no `else`, testing the caught error (or a copy the
 * catch made of it, `const err = error as AWSError`): the errors it recognises are answered, every other
 * one is dropped. The branch may handle its kind without returning (`if (err.code === 'Throttled') {
 * retries++; pending = batch }`): the others still fall through untouched. A check that only logs is an
 * observation instead, and one that throws rethrows. A negated check that answers (`if (e.statusCode !==
 * 404) return 500`) answers every failure but the named kind, which is no drop (allButOneKind.ts).
 */
function handlesOneKind(handler: Node, before: Node[], test: Node): boolean {
  const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  if (param === undefined) return false;
  const names = new Set([param, ...copiesOf(param, before)]);
  const mentionsError = someDescendant(
    test.test as Node,
    (n) => n.type === 'Identifier' && names.has(n.name as string),
  );
  if (!mentionsError) return false;
  // `if (e instanceof Error) callback(e); else { ... }` recognises every real failure (allButOneKind.ts).
  if (everyKind(test.test as Node, names)) return false;
  // `if (error.name === 'ValidationError') await retrySmaller(); else logger.error(error)`: the else only
  // observes every other failure, and the code after the try runs as if it had succeeded.
  if (test.alternate != null)
    return isObservation(test.alternate as Node) && !isObservation(test.consequent as Node);
  const consequent = test.consequent as Node;
  // `if (e.statusCode !== 404) return respond(500)`: every failure but the named kind is answered
  // (allButOneKind.ts). A `return;`, a `return null` or a return on one path only answers nothing.
  if (answersEveryPath(consequent) && allButNamedKinds(test.test as Node, names)) return false;
  if (someDescendant(consequent, (n) => n.type === 'ReturnStatement', true)) return true;
  return !isObservation(consequent) && !someDescendant(consequent, (n) => n.type === 'ThrowStatement', true);
}

/** `const err = error as AWSError` (or `<AWSError>error`, or a plain copy) among the catch's first lines. */
function copiesOf(param: string, statements: Node[]): string[] {
  const names: string[] = [];
  for (const s of statements) {
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations as Node[]) {
      const init = unwrap(d.init as Node | null);
      if (d.id?.type === 'Identifier' && init?.type === 'Identifier' && init.name === param)
        names.push(d.id.name as string);
    }
  }
  return names;
}

/**
 * After optional log lines, every statement puts a stand-in where the read's result would have gone: an
 * empty or false value, or a module constant (`salt = FALLBACK_SALT`), assigned to a variable declared
 * outside the try or stored in a map or object (`results.set(key, [])`).
 */
function standIn(ctx: ModuleContext, handler: Node, statements: Node[]): boolean {
  let stored = 0;
  for (const s of statements) {
    if (isObservation(s) && s.type !== 'VariableDeclaration') continue;
    const value = storedValue(s);
    if (value === undefined || !(builtIn(ctx, value, handler) || madeUpStored(ctx, handler, s, value)))
      return false;
    stored++;
  }
  // Without a log line the stand-in is still one when the error is never read: it only leaves no trace.
  return stored > 0 && (statements.some((s) => isLogCall(s)) || !readsError(handler));
}

function readsError(handler: Node): boolean {
  const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  if (handler.param != null && param === undefined) return true;
  return (
    param !== undefined &&
    someDescendant(handler.body as Node, (n) => n.type === 'Identifier' && n.name === param, true)
  );
}

function storedValue(statement: Node): Node | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  const e = unwrap(statement.expression);
  // `data.count = 0` fills a field of a result with an optional extra; `salt = FALLBACK` replaces the datum.
  if (e?.type === 'AssignmentExpression' && e.operator === '=' && e.left?.type === 'Identifier')
    return e.right as Node;
  if (e?.type === 'CallExpression' && memberPath(e.callee)?.at(-1) === 'set' && e.arguments.length === 2)
    return e.arguments[1] as Node;
  return undefined;
}

/**
 * An empty value, or a name bound to a module-level constant literal (`const fallbackSalt = 'DEV SALT'`).
 * A boolean is a verdict (`success = false` answers the failure), not a stand-in for data.
 */
function builtIn(ctx: ModuleContext, value: Node, at: Node): boolean {
  const v = unwrap(value);
  if (v?.type === 'Literal' && typeof v.value === 'boolean') return false;
  if (isDefaultValue(v)) return true;
  if (v?.type !== 'Identifier') return false;
  const binding = ctx.resolve(v.name as string, at);
  if (binding?.kind !== 'const' || binding.scope !== ctx.program) return false;
  const init = unwrap(binding.init);
  return init?.type === 'Literal' || init?.type === 'TemplateLiteral';
}

/**
 * A catch that only logs falls through to a constant the function returns after the try, in place of the
 * answer the try returns: `try { return await read(key) } catch (e) { log(e) } return 'foo';` (also
 * `Promise.resolve('foo')` or a module constant). The stand-in of `salt = FALLBACK_SALT`, returned instead
 * of assigned. An empty value there is the "nothing" answer, judged with the callers' reads elsewhere.
 */
export function fallsOutToStandIn(ctx: ModuleContext, tryStatement: Node): boolean {
  const block = ctx.parentOf(tryStatement);
  const fn = block === undefined ? undefined : ctx.parentOf(block);
  if (block?.type !== 'BlockStatement' || fn === undefined || !isFunction(fn) || fn.body !== block)
    return false;
  const statements = block.body as Node[];
  const after = statements.slice(statements.indexOf(tryStatement) + 1);
  const last = after.at(-1);
  if (last?.type !== 'ReturnStatement' || !after.slice(0, -1).every((s) => isObservation(s))) return false;
  const answers = someDescendant(
    tryStatement.block as Node,
    (n) => n.type === 'ReturnStatement' && n.argument != null && !isDefaultValue(n.argument),
    true,
  );
  if (!answers) return false;
  let v = unwrap(last.argument as Node | null);
  if (v?.type === 'CallExpression' && memberPath(v.callee)?.join('.') === 'Promise.resolve')
    v = unwrap((v.arguments as Node[])[0]);
  if (v === undefined || isDefaultValue(v)) return false;
  if (v.type === 'Literal') return typeof v.value === 'string' || typeof v.value === 'number';
  if (v.type === 'TemplateLiteral') return (v.expressions as Node[]).length === 0;
  return builtIn(ctx, v, tryStatement);
}

/**
 * The value a `Promise.resolve(x)` hands on (`return Promise.resolve(undefined)` in an async function answers
 * exactly what `return undefined` does), else the node itself.
 */
export function resolved(n: Node | null | undefined): Node | null | undefined {
  const v = unwrap(n);
  if (v?.type !== 'CallExpression' || memberPath(v.callee)?.join('.') !== 'Promise.resolve') return n;
  const args = v.arguments as Node[];
  return args.length === 0 ? null : args.length === 1 ? args[0] : n;
}

/** `return`, `return undefined`, `return null`: an answer a property read fails on. */
export const nothing = (n: Node | null | undefined): boolean =>
  n == null ||
  (n.type === 'Identifier' && n.name === 'undefined') ||
  (n.type === 'Literal' && n.value === null);

/** `return false`, `return 0`, `return ''`, or nothing: an answer only a test of its truth fails on. */
export const falsy = (n: Node | null | undefined): boolean =>
  nothing(n) || (n?.type === 'Literal' && (n.value === false || n.value === 0 || n.value === ''));

/**
 * What a catch's (or `.catch` callback's) `return` statements answer in place of the failed work: `nullish`
 * when every one answers nothing (a property read fails on it), `falsy` when every one answers a falsy
 * value (only a test of its truth fails on it), otherwise undefined. The callers' reads are judged by it.
 *
 * @example
 * defaultAnswerKind(catchBody.body) // 'nullish' for `{ log(e); return null; }`
 */
export function defaultAnswerKind(statements: readonly Node[]): 'nullish' | 'falsy' | undefined {
  const answers = statements.filter((s) => s.type === 'ReturnStatement').map((s) => resolved(s.argument));
  if (answers.every((a) => nothing(a))) return 'nullish';
  return answers.every((a) => falsy(a)) ? 'falsy' : undefined;
}

/**
 * A catch that only logs makes the function answer undefined: the try returns a value and is the function's
 * last statement, or the try stores its result in a variable declared without a value before it
 * (`let response; try { response = await s3.send(...) } catch (e) { log(e) } return response;`) that the
 * function returns after it, with only log lines between. The same "nothing" as `return undefined`.
 */
export function fallsOutWithUndefined(ctx: ModuleContext, tryStatement: Node): boolean {
  const block = ctx.parentOf(tryStatement);
  const fn = block === undefined ? undefined : ctx.parentOf(block);
  if (block?.type !== 'BlockStatement' || fn === undefined || !isFunction(fn) || fn.body !== block)
    return false;
  const statements = block.body as Node[];
  if (statements.at(-1) === tryStatement)
    return someDescendant(
      tryStatement.block,
      (n) => n.type === 'ReturnStatement' && n.argument != null && !isDefaultValue(n.argument),
      true,
    );
  const after = statements.slice(statements.indexOf(tryStatement) + 1);
  const result = unwrap(after.at(-1)?.type === 'ReturnStatement' ? after.at(-1)?.argument : undefined);
  if (result?.type !== 'Identifier' || !after.slice(0, -1).every((s) => isObservation(s))) return false;
  const binding = ctx.resolve(result.name as string, result);
  if ((binding?.kind !== 'let' && binding?.kind !== 'var') || binding.scope !== fn || !nothing(binding.init))
    return false;
  if (binding.declaration.start > tryStatement.start) return false;
  return someDescendant(
    tryStatement.block,
    (n) =>
      n.type === 'AssignmentExpression' &&
      n.operator === '=' &&
      unwrap(n.left)?.type === 'Identifier' &&
      unwrap(n.left)?.name === result.name,
    true,
  );
}

/**
 * What each drop shape costs, as a finding's message says it (swallowed.ts adds where it happens).
 * @example
 * `${SHAPE_MESSAGE['stand-in']} on a Lambda handler path`
 */
export const SHAPE_MESSAGE: Record<DropShape, string> = {
  'leaves-loop':
    'catch logs and leaves the loop: the items it did not reach are dropped and the caller goes on as if all were done',
  'one-kind':
    'catch answers only the errors its check recognises: every other failure falls through and the code after the try runs as if it had succeeded',
  'stand-in':
    "catch puts a stand-in value where the failed read's result would have gone: the rest of the code cannot tell it from real data",
};
