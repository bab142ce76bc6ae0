// swallowed-error: a failure answer a catch builds in a variable before returning it (`let response; if
// (error.code === 'ConditionalCheckFailedException') response = createResponse(409, ...); else response =
// createResponse(502, ...); return response;`). It is the catch's `return createResponse(502, ...)` written
// in steps: every value the variable takes says the work failed, so the answer is judged as that return is
// (failureResult.ts, droppedCatchAnswer.ts). So is a catch that sets the variable the function returns right
// after the try (`catch (e) { log(e); res = { status: 502 } } return res;`). A transaction rolled back on
// the way (`await t.rollback(); return response({}, 500)`) is no handling either: the work is still undone.
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isObservation } from './catchFacts.js';
import { transactionRollback } from './transactionRollback.js';

/**
 * A statement that leaves the failure where it was: an observation (a log line), or a transaction's
 * rollback, which undoes the partial write but neither does the work nor tells anyone (transactionRollback.ts).
 */
const leavesFailure = (s: Node): boolean => isObservation(s) || transactionRollback(s);

/** `name = value` as a statement: the value, else undefined. */
function assigned(statement: Node, name: string): Node | undefined {
  const e = statement.type === 'ExpressionStatement' ? unwrap(statement.expression as Node) : undefined;
  if (e?.type !== 'AssignmentExpression' || e.operator !== '=') return undefined;
  const left = unwrap(e.left as Node);
  return left?.type === 'Identifier' && left.name === name ? (e.right as Node) : undefined;
}

/**
 * Each statement only observes the error or gives `name` a failure answer (`let name;`, `name =
 * createResponse(502, ...)`, an `if` whose branches do only that). Counts the failure values given in `seen`.
 */
function buildsOnly(
  statements: Node[],
  name: string,
  isFailure: (value: Node) => boolean,
  seen: { given: number },
): boolean {
  return statements.every((s) => {
    if (s.type === 'BlockStatement') return buildsOnly(s.body as Node[], name, isFailure, seen);
    if (s.type === 'IfStatement') {
      const branches = [s.consequent, s.alternate].filter((b): b is Node => b != null);
      return branches.every((b) => buildsOnly([b], name, isFailure, seen));
    }
    if (s.type === 'VariableDeclaration')
      return (s.declarations as Node[]).every((d) => {
        if (d.id?.type !== 'Identifier' || d.id.name !== name) return isObservation(s);
        if (d.init == null) return true;
        seen.given++;
        return isFailure(d.init as Node);
      });
    const value = assigned(s, name);
    if (value !== undefined) {
      seen.given++;
      return isFailure(value);
    }
    return leavesFailure(s);
  });
}

/**
 * A function body (a catch clause's, a `.catch` callback's) that only observes the error and answers a
 * failure: its expression body or last `return` is one (`isFailure`), directly or through a variable
 * every assignment of which is one. True when it does.
 *
 * @example
 * builtFailureAnswer(body, failureObject) // { let r; if (c) r = createResponse(409); else r = createResponse(502); return r }
 */
export function builtFailureAnswer(body: Node, isFailure: (value: Node) => boolean): boolean {
  if (body.type !== 'BlockStatement') return isFailure(body);
  const statements = body.body as Node[];
  const last = statements.at(-1);
  // `if (e instanceof Error) return { statusCode: 400, ... }; else return { statusCode: 400, body: e }`:
  // an answer chosen per branch is the catch's answer when every branch returns a failure.
  if (last?.type === 'IfStatement')
    return statements.slice(0, -1).every(leavesFailure) && branchAnswersFailure(last, isFailure);
  if (last?.type !== 'ReturnStatement' || last.argument == null) return false;
  const value = unwrap(last.argument as Node);
  const before = statements.slice(0, -1);
  if (value?.type !== 'Identifier') return isFailure(value as Node) && before.every(leavesFailure);
  const seen = { given: 0 };
  return buildsOnly(before, value.name as string, isFailure, seen) && seen.given > 0;
}

/** Every path through the branch returns a failure answer (an `if` needs its `else`). */
function branchAnswersFailure(branch: Node | null | undefined, isFailure: (value: Node) => boolean): boolean {
  if (branch == null) return false;
  if (branch.type === 'ReturnStatement')
    return branch.argument != null && isFailure(unwrap(branch.argument) as Node);
  if (branch.type === 'IfStatement')
    return (
      branchAnswersFailure(branch.consequent, isFailure) && branchAnswersFailure(branch.alternate, isFailure)
    );
  return branch.type === 'BlockStatement' && builtFailureAnswer(branch, isFailure);
}

/**
 * A catch that only observes the error and sets a variable to a failure answer, where the statement right
 * after its try returns that variable (`let res = { status: 200 }; try { ... } catch (e) { log(e); res = {
 * status: 502 } } return res;`): the failure is the function's answer, as a `return` in the catch would be.
 *
 * @example
 * failureKeptForReturn(ctx, catchClause, failureObject) // catch (e) { res = { status: 502 } } return res; -> true
 */
export function failureKeptForReturn(
  ctx: ModuleContext,
  handler: Node,
  isFailure: (value: Node) => boolean,
): boolean {
  const tryStatement = ctx.parentOf(handler);
  const block = tryStatement === undefined ? undefined : ctx.parentOf(tryStatement);
  if (tryStatement === undefined || block?.type !== 'BlockStatement') return false;
  const next = (block.body as Node[])[(block.body as Node[]).indexOf(tryStatement) + 1];
  const returned = next?.type === 'ReturnStatement' ? unwrap(next.argument as Node | null) : undefined;
  if (returned?.type !== 'Identifier') return false;
  const seen = { given: 0 };
  const statements = (handler.body as Node).body as Node[];
  return buildsOnly(statements, returned.name as string, isFailure, seen) && seen.given > 0;
}
