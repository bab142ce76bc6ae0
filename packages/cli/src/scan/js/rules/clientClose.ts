// floating-promise: a database client closed without awaiting, where the code shows the client's API is
// promise-based by awaiting its queries or its connect (`await mysql.query(...)` or `await client.connect()`
// then `client.end()`). serverless-mysql,
// mysql2/promise, pg, Sequelize and ioredis close with a promise too: the handler returns while the close
// still runs, it resumes in a later invocation that reuses the cached client, and its failure is never
// seen. The method name alone says nothing (`server.close()`, a callback-era `connection.end()`), nor does
// `release()`, which hands a pooled connection back at once.
import { escapeRegExp } from '../../escapeRegExp.js';
import { calleeName, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const CLOSE = /^(end|quit|close|destroy|disconnect)$/;

/**
 * `db.end()` (or `quit`, `close`, `destroy`, `disconnect`) on a receiver whose queries or connect the module
 * awaits (`await db.query(...)`, `execute`, `transaction`, `connect`): a promise client (pg, MongoClient,
 * node-redis 4), whose close is a promise too. A callback-era client connects with a callback instead.
 *
 * @example
 * closesPromiseClient(ctx, call) // const r = await mysql.query(q); mysql.end(); -> true
 */
export function closesPromiseClient(ctx: ModuleContext, call: Node): boolean {
  if (!CLOSE.test(calleeName(call) ?? '') || (call.arguments as Node[]).length > 0) return false;
  const path = memberPath(unwrap(call.callee)?.object as Node | undefined);
  if (path === undefined || path.length === 0) return false;
  const receiver = path.map(escapeRegExp).join('\\s*\\.\\s*');
  return new RegExp(`\\bawait\\s+${receiver}\\s*\\.\\s*(?:query|execute|transaction|connect)\\s*[(<]`).test(
    ctx.source,
  );
}
