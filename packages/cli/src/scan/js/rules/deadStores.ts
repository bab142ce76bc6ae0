// A catch that sets a local flag before its answer (`ocrError = true; return successResponse(...)`) is no
// handling when nothing ever reads the flag: the store is dead, and the catch only observes the failure.
// Read from the enclosing function's text, not its tree: a word that is neither the declaration nor an
// assignment target counts as a read (in a string or a comment too), so the test errs toward "read".

import { escapeRegExp } from '../../escapeRegExp.js';
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * `flag = <literal>;` where `flag` is declared in the same function and read nowhere in it.
 *
 * @example
 * // function f() { let failed = false; try { await put() } catch (e) { failed = true; return ok() } }
 * deadStore(ctx, parse('failed = true;')) // true
 */
export function deadStore(ctx: ModuleContext, statement: Node): boolean {
  const e = statement.type === 'ExpressionStatement' ? unwrap(statement.expression as Node) : undefined;
  if (e?.type !== 'AssignmentExpression' || e.operator !== '=') return false;
  const left = e.left as Node;
  if (left.type !== 'Identifier' || unwrap(e.right as Node)?.type !== 'Literal') return false;
  const fn = ctx.enclosingFunction(statement);
  if (fn === undefined) return false;
  const text = ctx.source.slice(fn.start as number, fn.end as number);
  let declared = false;
  for (const m of text.matchAll(
    new RegExp(`(?<![.\\w$])${escapeRegExp(left.name as string)}(?![\\w$])`, 'g'),
  )) {
    const at = m.index as number;
    if (/\b(?:let|var)\s+$/.test(text.slice(Math.max(0, at - 8), at))) declared = true;
    else if (!/^\s*=(?!=)/.test(text.slice(at + m[0].length, at + m[0].length + 4))) return false;
  }
  return declared;
}
