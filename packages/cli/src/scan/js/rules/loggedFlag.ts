// swallowed-error's "failure kept as a flag only a log line reads": `catch (error) { ok = false }` with
// `ok` then only interpolated into a log message (`${ok ? 'has been' : 'failed to be'} marked`). The
// error itself is never read, nothing after the try branches on the flag, and the work goes on as if the
// call had succeeded.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Binding } from '../moduleIndex.js';
import { isLogCall, isObservation } from './catchFacts.js';

/** `ok = false` (or `true`) as a statement: the catch's record of the failure (deadStores.ts too). */
export function flagSet(statement: Node): string | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  const e = unwrap(statement.expression);
  if (e?.type !== 'AssignmentExpression' || e.operator !== '=') return undefined;
  const left = unwrap(e.left);
  const right = unwrap(e.right);
  return left?.type === 'Identifier' && right?.type === 'Literal' && typeof right.value === 'boolean'
    ? (left.name as string)
    : undefined;
}

/**
 * The binding `flag` names at `at` when it is a `let` declared inside `fn` (its own local flag, by binding,
 * not by name): undefined for a module's or an outer function's variable.
 */
export function localLet(ctx: ModuleContext, flag: string, at: Node, fn: Node): Binding | undefined {
  const binding = ctx.resolve(flag, at);
  const declared = binding?.declaration;
  if (binding?.kind !== 'let' || declared === undefined) return undefined;
  return declared.start < fn.start || declared.end > fn.end ? undefined : binding;
}

/**
 * The catch only sets local flags (and logs), and every later read of each flag in its function sits in a
 * log call's arguments: the flag, undefined when nothing reads it this way.
 */
export function flagOnlyLogged(ctx: ModuleContext, handler: Node): string | undefined {
  const statements = (handler.body as Node).body as Node[];
  const flags = statements.map(flagSet).filter((f): f is string => f !== undefined);
  if (flags.length === 0 || !statements.every((s) => flagSet(s) !== undefined || isObservation(s)))
    return undefined;
  const fn = ctx.enclosingFunction(handler);
  if (fn === undefined) return undefined;
  for (const flag of flags) {
    if (localLet(ctx, flag, handler, fn) === undefined) return undefined;
    const readOutsideLog = someDescendant(fn.body as Node, (n) => {
      if (n.type !== 'Identifier' || n.name !== flag || n.start < handler.end) return false;
      const parent = ctx.parentOf(n);
      if (parent?.type === 'AssignmentExpression' && parent.left === n) return false;
      for (let p = parent; p !== undefined && p !== fn && !isFunction(p); p = ctx.parentOf(p))
        if (p.type === 'CallExpression' && isLogCall(p)) return false;
      return true;
    });
    if (readOutsideLog) return undefined;
  }
  return flags[0];
}
