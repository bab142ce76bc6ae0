// swallowed-error for fetch: a function that hands back one field of an unchecked response's body
// (`const json = await res.json(); return json.data;`). An error answer (`{ error: ... }`, `{ errors: [...] }`)
// lacks that field, so the function answers undefined; whether that passes for "nothing" is decided by
// its callers, as for a catch that answers undefined (resultUse.ts callersRead): one that reads a property
// of the answer at once or destructures it (`const { deposits } = await getTransactions(user)`) fails with
// a TypeError there, and the failure surfaces.
import { escapeRegExp } from '../../escapeRegExp.js';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const FIELD = '(?:\\.\\s*[A-Za-z_$][\\w$]*|\\[\\s*[\'"`][^\'"`\\]]+[\'"`]\\s*\\])';

/**
 * The function around `call` (a `fetch` whose response is kept in a variable) returns a field of the
 * response's JSON body: `return json.data`, `return (await res.json()).data`, or a copy of the field
 * returned whole (`const txs = json.data; return txs;`). No optional chaining on the way: `json?.data`
 * says the code expects it missing.
 *
 * @example
 * // const res = await fetch(url); const json = await res.json(); return json.data;
 * returnsBodyField(ctx, fetchCall) // -> true
 */
export function returnsBodyField(ctx: ModuleContext, call: Node): boolean {
  const declarator = ctx.climb(
    call,
    (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
  ).parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id?.type !== 'Identifier') return false;
  const fn = ctx.enclosingFunction(call);
  if (fn === undefined) return false;
  const text = ctx.source.slice(declarator.end, fn.end);
  const res = escapeRegExp(declarator.id.name as string);
  const json = `\\(\\s*await\\s+${res}\\s*\\.\\s*json\\s*\\(\\s*\\)\\s*\\)`;
  if (new RegExp(`\\breturn\\s+(?:await\\s+)?${json}\\s*${FIELD}\\s*;`).test(text)) return true;
  const body = new RegExp(
    `\\b(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*(?::[^=]+)?=\\s*\\(?\\s*await\\s+${res}\\s*\\.\\s*json\\s*\\(`,
  ).exec(text)?.[1];
  if (body === undefined) return false;
  const b = escapeRegExp(body);
  if (new RegExp(`\\breturn\\s+${b}\\s*${FIELD}\\s*;`).test(text)) return true;
  const copy = new RegExp(
    `\\b(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*(?::[^=]+)?=\\s*${b}\\s*${FIELD}\\s*;`,
  ).exec(text)?.[1];
  return copy !== undefined && new RegExp(`\\breturn\\s+${escapeRegExp(copy)}\\s*;`).test(text);
}
