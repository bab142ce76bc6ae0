// swallowed-error for fetch: a body assigned to a variable declared before (`response = await (await
// fetch(url)).json()`, one variable reused by every request of a method) is judged as a declared one is:
// read through two fields, or tested and thrown on, the error answer fails there. So is a field copied
// out of it (`items = response.items`): an error answer has no such field, so the copy is undefined, and
// reading through it (`items.forEach(...)`, `data.length`) or `if (!items) throw ...` fails loudly. A
// copy the code guards and goes on with (`if (!items) items = []`) still takes the error answer for data.

import { escapeRegExp } from '../../escapeRegExp.js';
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
  if (readsDeep(text, body) || bodyTested(text, body)) return true;
  return copiedFieldFails(text, body);
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

/**
 * A field of the body is copied out whole and the copy then fails on an error answer (read through, or
 * tested and thrown on): `const data = json.data; return data.vaults`. Shared with the two-step form,
 * `const json = await res.json()` (uncheckedFetch.ts), where the body is declared rather than assigned.
 *
 * @example
 * copiedFieldFails('const data = json.data;\nreturn data.vaults;', 'json') // -> true
 * copiedFieldFails('const data = json.data;\nreturn data;', 'json') // -> false
 */
export function copiedFieldFails(text: string, body: string): boolean {
  return fieldCopies(text, body).some((copy) => copyFails(text, copy));
}

/** The variables a field of the body is copied into whole: `items = response.items;`, `const data = response.items`. */
function fieldCopies(text: string, body: string): string[] {
  const copy = new RegExp(
    `(?<![\\w$.])([A-Za-z_$][\\w$]*)\\s*=\\s*${escapeRegExp(body)}\\s*\\.\\s*[A-Za-z_$][\\w$]*\\s*(?:;|$)`,
    'gm',
  );
  return [...text.matchAll(copy)].map((m) => m[1] as string).filter((name) => name !== body);
}

/**
 * The copy of a field fails on an error answer: `if (!items) throw ...` (also with other tests joined by
 * `||`, a throw in its branch), or a read through it (`items.forEach(...)`, `data.length`,
 * `for (const x of items)`) where nothing tests it first.
 */
function copyFails(text: string, copy: string): boolean {
  const name = escapeRegExp(copy);
  const other = '[^(){};]*';
  const thrown = new RegExp(
    `\\bif\\s*\\(\\s*(?:${other}\\|\\|\\s*)?!\\s*${name}\\s*(?:\\|\\|${other})?\\)\\s*(?:\\{(?:[^{}]|\\{[^{}]*\\})*?)?\\bthrow\\b`,
  );
  if (thrown.test(text)) return true;
  const tested = new RegExp(
    `!\\s*${name}\\b|\\btypeof\\s+${name}\\b|(?<![\\w$.])${name}\\s*(?:&&|\\|\\||\\?\\?|\\?|[!=]==?)`,
  );
  if (tested.test(text)) return false;
  return new RegExp(`(?<![\\w$.])${name}\\s*(?:\\.\\s*[A-Za-z_$]|\\[)|\\bof\\s+${name}\\b`).test(text);
}
