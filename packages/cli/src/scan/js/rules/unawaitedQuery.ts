// floating-promise: a query sent as a bare statement on a client whose other queries the module awaits
// (`this.client.query('INSERT ...')` between `await this.client.query('BEGIN')` and `COMMIT`). The client
// is a promise client, so the statement's promise floats: its failure is an unhandled rejection, and the
// transaction commits (or rolls back) without the caller knowing. A query given a callback, or on a
// receiver the module never awaits, is left alone: the callback-era drivers answer there.
import { escapeRegExp } from '../../escapeRegExp.js';
import { calleeName, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const QUERY = /^(query|execute)$/;

/**
 * `client.query(sql, values)` with no callback, where the module awaits `client.query(...)` (or
 * `execute`, `connect`) elsewhere on the same receiver.
 * @example
 * unawaitedQuery(ctx, call) // await this.client.query('BEGIN'); this.client.query(insert, v); -> true
 */
export function unawaitedQuery(ctx: ModuleContext, call: Node): boolean {
  if (!QUERY.test(calleeName(call) ?? '')) return false;
  const args = call.arguments as Node[];
  if (args.length === 0 || isFunction(unwrap(args[args.length - 1]))) return false;
  const path = memberPath(unwrap(call.callee)?.object as Node | undefined);
  if (path === undefined || path.length === 0) return false;
  const receiver = path.map(escapeRegExp).join('\\s*\\.\\s*');
  return new RegExp(`\\bawait\\s+${receiver}\\s*\\.\\s*(?:query|execute|connect)\\s*[(<]`).test(ctx.source);
}
