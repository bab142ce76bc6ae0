// swallowed-error: a failed delete is a cleanup (catchExemptions.ts onlyCleanup) only while nobody reads
// what the helper answers. A storage helper whose whole work is the delete (`deleteProduct(id)`: `try {
// await table.delete(id); return true } catch { return false }`) answers a verdict, and a caller that
// branches on it (`if (!deleted) return res.status(404)...`) takes a throttle or an outage for "not found":
// the DELETE route answers 404 while the item is still there. A caller that drops the answer
// (`await deleteRequestState(user, id)`) is the cleanup the exemption means.

import type { SharedRequest } from '../../callerLookup.js';
import { escapeRegExp } from '../../escapeRegExp.js';
import { type Node, someDescendant } from '../ast.js';
import { nameOf, sharedRequest } from '../callerNames.js';
import { isDefaultValue } from '../emptyValues.js';
import type { ModuleContext } from '../ModuleContext.js';
import { onlyCleanup } from './catchExemptions.js';

/**
 * The function around the catch answers something other than a default on its success path (`return
 * true`, `return item`, in the try or after it): its answer is a verdict on the delete. Then the callers
 * to ask about (their names); undefined when the function answers nothing else.
 * @example
 * deleteVerdict(ctx, handler) // { names: ['deleteProduct'], owner: 'DatabaseAdapter' } for `try { await svc.delete(id); return true } catch { return false }`
 */
export function deleteVerdict(ctx: ModuleContext, handler: Node): SharedRequest | undefined {
  const fn = ctx.enclosingFunction(handler);
  if (fn === undefined || fn.body?.type !== 'BlockStatement') return undefined;
  const verdict = someDescendant(
    fn.body as Node,
    (n) =>
      n.type === 'ReturnStatement' &&
      !(n.start >= handler.start && n.end <= handler.end) &&
      n.argument != null &&
      !isDefaultValue(n.argument as Node) &&
      // A return in a nested function is not the helper's answer.
      ctx.enclosingFunction(n) === fn,
    true,
  );
  const own = verdict ? nameOf(ctx, fn) : undefined;
  // Only the helper's own name: a function that calls it (`cancel()` awaiting the delete) answers its own.
  return own === undefined ? undefined : { ...sharedRequest(ctx, handler), names: [own] };
}

/**
 * Does `text` call one of `names` and branch on its answer: kept in a variable an `if` tests (`const
 * deleted = await db.deleteProduct(id); if (!deleted) ...`, `if (result === false)`) or tested where it
 * is made (`if (!(await removeCart(id)))`)? A call awaited as a statement, or handed on, is not a test.
 * @example
 * testsAnswer('const ok = await db.deleteCart(id);\nif (!ok) return res.status(404).end();', ['deleteCart']) // true
 * testsAnswer('await db.deleteCart(id);', ['deleteCart']) // false
 */
export function testsAnswer(text: string, names: readonly string[]): boolean {
  if (names.length === 0 || !/\bif\s*\(/.test(text)) return false;
  const name = `(?:${names.map(escapeRegExp).join('|')})`;
  const call = `(?:await\\s+)?(?:[\\w$]+(?:\\?\\.|\\.))*${name}\\s*\\(`;
  const inline = new RegExp(`\\bif\\s*\\(\\s*!?\\s*\\(?\\s*${call}`, 'g');
  for (const m of text.matchAll(inline)) if (readsAbsent(text, (m.index ?? 0) + m[0].length)) return true;
  const kept = new RegExp(`\\b(?:const|let|var)\\s+([\\w$]+)\\s*=\\s*${call}`, 'g');
  for (const m of text.matchAll(kept)) {
    const v = escapeRegExp(m[1] as string);
    const test = new RegExp(
      `\\bif\\s*\\(\\s*!?\\s*${v}\\s*(?:\\)|&&|\\|\\||[!=]==?\\s*(?:false|true|null|undefined)\\b)`,
    );
    const after = (m.index ?? 0) + m[0].length;
    const t = test.exec(text.slice(after));
    if (t !== null && readsAbsent(text, after + t.index + t[0].length)) return true;
  }
  return false;
}

/**
 * The branch right after a test (its next 300 characters, to the end of its block) neither throws nor
 * answers a 5xx: it takes the answer for "absent" and goes on (a 404, a skip). A branch that fails is the
 * caller surfacing the failure, as resultUse.ts judges a caller in the helper's own module.
 */
function readsAbsent(text: string, at: number): boolean {
  const rest = text.slice(at, at + 300);
  const end = rest.search(/\n\s*\}/);
  const branch = end === -1 ? rest : rest.slice(0, end);
  return !/\bthrow\b|\b5\d\d\b|INTERNAL_SERVER_ERROR|SERVICE_UNAVAILABLE/.test(branch);
}

/**
 * The condition a default answered by a delete helper carries (its try only deletes, and it answers a
 * verdict): none when a caller in its own module branches on the answer, else that an importer's does.
 * @example
 * testedDelete(ctx, handler, tryStatement) // { onlyIfCallerTests: { names: ['deleteProduct'], owner: 'DatabaseAdapter' } }
 */
export function testedDelete(
  ctx: ModuleContext,
  handler: Node,
  tryStatement: Node,
): { onlyIfCallerTests?: SharedRequest } {
  if (!onlyCleanup(ctx, tryStatement.block as Node)) return {};
  const request = deleteVerdict(ctx, handler);
  if (request === undefined || testsAnswer(ctx.source, request.names)) return {};
  return { onlyIfCallerTests: request };
}
