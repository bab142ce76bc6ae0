// swallowed-error: an entry handler whose catch keeps the error in a variable and logs it, and whose
// answer after the try is built from that variable (`err = e` in the catch, then `const statusCode = err ?
// 500 : 200; return { statusCode, body }`). It is the catch's own `return { statusCode: 500 }` written in
// two steps: an API's client reads the 500, but an invoker that reads no answer (a schedule, an
// asynchronous source) takes the resolved invocation for a success, so it is judged as that return is
// (unreadFailureAnswer.ts: held until a template wires the handler to such an invoker).
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isObservation } from './catchFacts.js';
import { failureObject } from './failureResult.js';
import type { Report } from './Report.js';
import { unreadFailureAnswer } from './unreadFailureAnswer.js';

/** `name = param` (the caught error kept for later): the name assigned, else undefined. */
function keptError(statement: Node, param: string): string | undefined {
  const e = statement.type === 'ExpressionStatement' ? unwrap(statement.expression as Node) : undefined;
  if (e?.type !== 'AssignmentExpression' || e.operator !== '=') return undefined;
  const value = unwrap(e.right as Node);
  const left = unwrap(e.left as Node);
  return value?.type === 'Identifier' && value.name === param && left?.type === 'Identifier'
    ? (left.name as string)
    : undefined;
}

/** `err`, `!err`, `err != null`, `err !== undefined`: the branch taken when the error was kept, if any. */
function branchWhenSet(test: Node, name: string): 'consequent' | 'alternate' | undefined {
  const t = unwrap(test);
  const named = (n: Node | undefined) => unwrap(n)?.type === 'Identifier' && unwrap(n)?.name === name;
  if (named(t)) return 'consequent';
  if (t?.type === 'UnaryExpression' && t.operator === '!' && named(t.argument as Node)) return 'alternate';
  if (t?.type === 'BinaryExpression' && /^!==?$/.test(t.operator as string))
    return named(t.left as Node) || named(t.right as Node) ? 'consequent' : undefined;
  return undefined;
}

/** An HTTP error status literal or a failure object: what the answer says when the error was kept. */
function failing(node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type === 'Literal' && typeof n.value === 'number') return n.value >= 400 && n.value < 600;
  return failureObject(n);
}

/**
 * The catch only keeps and observes the error of I/O, and the statements after the try answer a failure
 * chosen on the kept error, then return: reported as the handler's unread failure answer. True when reported.
 *
 * @example
 * // let err = null; try { await save() } catch (e) { err = e; log(e) } return { statusCode: err ? 500 : 200 }
 * deferredFailureAnswer(ctx, handler, true, report) // -> true, kept if a schedule or async source invokes it
 */
export function deferredFailureAnswer(
  ctx: ModuleContext,
  handler: Node,
  io: boolean,
  report: Report,
): boolean {
  const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  const statements = (handler.body as Node).body as Node[];
  if (!io || param === undefined) return false;
  const kept = statements.map((s) => keptError(s, param));
  if (
    !kept.some((k) => k !== undefined) ||
    !statements.every((s, i) => kept[i] !== undefined || isObservation(s))
  )
    return false;
  const tryStatement = ctx.parentOf(handler) as Node;
  const block = ctx.parentOf(tryStatement);
  if (block?.type !== 'BlockStatement') return false;
  const after = (block.body as Node[]).slice((block.body as Node[]).indexOf(tryStatement) + 1);
  if (!after.some((s) => s.type === 'ReturnStatement')) return false;
  const names = new Set(kept.filter((k): k is string => k !== undefined));
  const answered = after.some((s) =>
    someDescendant(
      s,
      (n) => {
        if (n.type !== 'ConditionalExpression') return false;
        const name = [...names].find((k) => branchWhenSet(n.test as Node, k) !== undefined);
        const branch = name === undefined ? undefined : branchWhenSet(n.test as Node, name);
        return branch !== undefined && failing(n[branch] as Node);
      },
      true,
    ),
  );
  return answered && unreadFailureAnswer(ctx, handler, report);
}
