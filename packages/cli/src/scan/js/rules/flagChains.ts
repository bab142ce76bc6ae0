// swallowed-error for promise chains that answer a flag: `p.then(() => true).catch(() => false)` turns the
// failure into the answer `false`, and that answer is the failure's only trace. It is harmless where a
// caller reads it (`if (!(await exists(key))) ...`), and a swallowed failure where nobody does: the chain
// awaited as a statement, or returned by a function whose callers drop the awaited answer (in this module
// or an importing one, joined through `onlyIfResultDropped` as errorValues.ts does for errors as values).
import { calleeName, isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isObservation } from './catchFacts.js';
import { dropped, returnedBy } from './errorValues.js';
import type { Report } from './Report.js';

/** The literal an arrow or function answers, after observations only (a log line) when `logged` allows. */
function answeredLiteral(body: Node | undefined, logged: boolean): Node | undefined {
  if (body === undefined) return undefined;
  if (body.type !== 'BlockStatement') {
    const value = unwrap(body);
    return value?.type === 'Literal' ? value : undefined;
  }
  const statements = body.body as Node[];
  const last = statements.at(-1);
  if (last?.type !== 'ReturnStatement') return undefined;
  const before = statements.slice(0, -1);
  if (before.length > 0 && (!logged || !before.every((s) => isObservation(s)))) return undefined;
  const value = unwrap(last.argument as Node | null);
  if (value?.type !== 'Literal') return undefined;
  // After a log line only a yes/no answer is a flag: `return ''` there is an empty read (promiseCatch.ts).
  return before.length === 0 || typeof value.value === 'boolean' ? value : undefined;
}

/**
 * `p.then(() => true).catch(() => false)`, `.catch((e) => { log(e); return false; })`: the chain resolves
 * to one constant on success and another on failure, so its answer says whether the work failed.
 */
export function answersFlag(ctx: ModuleContext, call: Node, catchBody: Node, logged = false): boolean {
  const failed = answeredLiteral(catchBody, logged);
  const receiver = unwrap(unwrap(call.callee)?.object);
  if (failed === undefined || receiver?.type !== 'CallExpression' || calleeName(receiver) !== 'then')
    return false;
  if ((receiver.arguments as Node[]).length !== 1) return false;
  const onOk = ctx.valueOf(receiver.arguments[0]);
  if (onOk === undefined || !isFunction(onOk)) return false;
  const succeeded = answeredLiteral(onOk.body as Node, false);
  return succeeded !== undefined && succeeded.value !== failed.value;
}

/**
 * Reports a flag chain whose answer nobody reads: dropped where it is awaited, or returned by a function a
 * caller awaits as a statement. True when the chain answers a flag (reported or not): the flag is then its
 * judgement, and the other `.catch()` judgements do not apply.
 *
 * @example
 * unreadFlag(ctx, call, body, report) // `await upload(f).then(() => true).catch(() => false);` -> reported
 */
export function unreadFlag(ctx: ModuleContext, call: Node, body: Node, report: Report): boolean {
  if (!answersFlag(ctx, call, body, true)) return false;
  // At `.catch(`: a chain spread over lines is fixed where its handler is.
  const at = (unwrap(call.callee)?.property as Node | undefined) ?? call;
  if (dropped(ctx, call)) {
    report(
      'swallowed-error',
      at,
      '.catch() turns the failure into a flag and the statement drops it: the failure is lost and the code goes on',
    );
    return true;
  }
  const name = returnedBy(ctx, call);
  if (name !== undefined)
    report(
      'swallowed-error',
      at,
      `.catch() turns the failure into ${name}()'s false answer, and a caller drops that answer unread: the failure is lost`,
      { onlyIfResultDropped: [name] },
    );
  return true;
}
