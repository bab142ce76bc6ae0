// swallowed-error for fetch: a body assigned to a variable declared before (`response = await (await
// fetch(url)).json()`, one variable reused by every request of a method) is judged as a declared one is:
// read through two fields (a field copied out and read through counts, copiedField.ts), or tested and
// thrown on, the error answer fails there, up to the next statement that assigns the variable again.

import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { bodyTested, readsDeep } from './bodyReads.js';

/**
 * Does the code after `assignment` (which stores a fetch body in the variable `body`) fail on an error
 * answer, before the next statement of the same block assigns the variable again?
 *
 * @example
 * // response = await (await fetch(url)).json(); items = response.items; if (!items) throw new Error('none')
 * assignedBodyChecked(ctx, fn, assignment, 'response') // -> true
 */
export function assignedBodyChecked(ctx: ModuleContext, fn: Node, assignment: Node, body: string): boolean {
  const text = ctx.source.slice(assignment.end, segmentEnd(ctx, fn, assignment, body));
  return readsDeep(text, body) || bodyTested(text, body);
}

/**
 * Where the answer stored by `assignment` stops being the variable's value on every path: the next
 * statement of the same block that assigns `body` again (one in a nested branch may not run), else the
 * end of the function.
 */
function segmentEnd(ctx: ModuleContext, fn: Node, assignment: Node, body: string): number {
  const statement = ctx.parentOf(assignment);
  const block = statement?.type === 'ExpressionStatement' ? ctx.parentOf(statement) : undefined;
  const siblings = (block?.body ?? block?.consequent) as Node[] | undefined;
  if (statement === undefined || !Array.isArray(siblings)) return fn.end as number;
  for (const s of siblings.slice(siblings.indexOf(statement) + 1)) {
    const e = s.type === 'ExpressionStatement' ? (s.expression as Node) : undefined;
    if (
      e?.type === 'AssignmentExpression' &&
      e.operator === '=' &&
      (e.left as Node).type === 'Identifier' &&
      (e.left as Node).name === body
    )
      return s.start as number;
  }
  return fn.end as number;
}
