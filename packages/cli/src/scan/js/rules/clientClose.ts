// floating-promise: a database client closed without awaiting, where the code shows the client's API is
// promise-based by awaiting its queries (`await mysql.query(...)` then `mysql.end()`). serverless-mysql,
// mysql2/promise, pg, Sequelize and ioredis close with a promise too: the handler returns while the close
// still runs, it resumes in a later invocation that reuses the cached client, and its failure is never
// seen (pg's Client and Pool say so by what they are). The method name alone says nothing (`server.close()`,
// a callback-era `connection.end()`), nor does `release()`, which hands a pooled connection back at once.
import { escapeRegExp } from '../../escapeRegExp.js';
import { calleeName, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const CLOSE = /^(end|quit|close|destroy|disconnect)$/;

/**
 * `db.end()` (or `quit`, `close`, `destroy`, `disconnect`) on a receiver whose queries the module awaits
 * (`await db.query(...)`, `execute`, `transaction`): a promise client, whose close is a promise too.
 *
 * @example
 * closesPromiseClient(ctx, call) // const r = await mysql.query(q); mysql.end(); -> true
 */
export function closesPromiseClient(ctx: ModuleContext, call: Node): boolean {
  if (!CLOSE.test(calleeName(call) ?? '') || (call.arguments as Node[]).length > 0) return false;
  const path = memberPath(unwrap(call.callee)?.object as Node | undefined);
  if (path === undefined || path.length === 0) return false;
  const receiver = path.map(escapeRegExp).join('\\s*\\.\\s*');
  // `await client.connect()` shows it as well as a query does: pg's and mysql2/promise's connect.
  if (
    new RegExp(`\\bawait\\s+${receiver}\\s*\\.\\s*(?:query|execute|transaction|connect)\\s*[(<]`).test(
      ctx.source,
    )
  )
    return true;
  const receiverNode = unwrap(unwrap(call.callee)?.object as Node | undefined);
  return (
    path.length === 1 &&
    (madeByPg(ctx, receiverNode as Node) ||
      (awaitedDriverClient(ctx, receiverNode as Node) && lastAwaitedStep(ctx, call)))
  );
}

/**
 * Nothing is awaited after the close in its function: the close is what the function ends on (a
 * `finally`, the last step). A probe connection closed before minutes of further awaited work has long
 * finished when the handler returns.
 */
function lastAwaitedStep(ctx: ModuleContext, call: Node): boolean {
  const fn = ctx.enclosingFunction(call);
  if (fn === undefined) return false;
  return !/\bawait\b/.test(ctx.source.slice(call.end, fn.end));
}

/** Database drivers whose connections and pools close with a promise when handed no callback. */
const PROMISE_DRIVER_IMPORT = /\bfrom\s*['"](?:mssql|pg|mongodb|mysql2|mysql2\/promise|ioredis|redis)['"]/;

/**
 * A local only ever given an awaited value (`pool = await createConnectionPool(...)`) in a module that
 * uses a promise driver (mssql's `IResult`, pg): a connection reached by awaiting is the driver's promise
 * API, so its close answers a promise too, whatever helper made it.
 *
 * @example
 * awaitedDriverClient(ctx, pool) // import { IResult } from 'mssql'; let pool; pool = await connectPool(); -> true
 */
function awaitedDriverClient(ctx: ModuleContext, receiver: Node): boolean {
  if (receiver?.type !== 'Identifier') return false;
  // A type-only import (`import type { IResult } from 'mssql'`) says which driver as well as a value's.
  if (!PROMISE_DRIVER_IMPORT.test(ctx.source)) return false;
  const binding = ctx.resolve(receiver.name as string, receiver);
  if (binding === undefined || binding.kind === 'param' || binding.kind === 'import') return false;
  const values: (Node | undefined)[] = binding.init === undefined ? [] : [binding.init];
  for (const stmt of ctx.of('ExpressionStatement')) {
    const e = unwrap(stmt.expression as Node);
    const left = unwrap(e?.left as Node | undefined);
    if (e?.type !== 'AssignmentExpression' || left?.type !== 'Identifier' || left.name !== receiver.name)
      continue;
    if (ctx.resolve(left.name as string, left)?.declaration === binding.declaration)
      values.push(e.right as Node);
  }
  return values.length > 0 && values.every((v) => unwrap(v)?.type === 'AwaitExpression');
}

/**
 * `client.connect()` or `client.query(q)` with no callback on a pg `new Client()` / `new Pool()`: pg
 * answers a promise whenever it is given none, however the rest of the module uses the client.
 *
 * @example
 * pgPromiseCall(ctx, call) // const client = new Client(); client.connect(); -> true
 */
export function pgPromiseCall(ctx: ModuleContext, call: Node): boolean {
  if (!/^(connect|query)$/.test(calleeName(call) ?? '')) return false;
  const last = unwrap((call.arguments as Node[]).at(-1));
  if (last !== undefined && isFunction(last)) return false;
  const receiver = unwrap(unwrap(call.callee)?.object as Node | undefined);
  if (receiver?.type !== 'Identifier') return false;
  const made = unwrap(ctx.valueOf(receiver));
  return made?.type === 'NewExpression' && ctx.importRoot(made.callee)?.source === 'pg';
}

/**
 * `const client = new Client()` / `new Pool()` of pg, never connected or queried with a callback: its
 * `end()` answers a promise when given none. A client driven by callbacks closes the callback way.
 */
function madeByPg(ctx: ModuleContext, receiver: Node): boolean {
  const made = unwrap(ctx.valueOf(receiver));
  if (made?.type !== 'NewExpression' || ctx.importRoot(made.callee)?.source !== 'pg') return false;
  if (receiver.type !== 'Identifier') return false;
  const declaration = ctx.resolve(receiver.name as string, receiver)?.declaration;
  return !ctx.of('CallExpression').some((call) => {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression' || !/^(connect|query)$/.test(calleeName(call) ?? ''))
      return false;
    const object = unwrap(callee.object as Node);
    if (object?.type !== 'Identifier' || object.name !== receiver.name) return false;
    const last = unwrap((call.arguments as Node[]).at(-1));
    return (
      last !== undefined &&
      isFunction(last) &&
      ctx.resolve(object.name as string, object)?.declaration === declaration
    );
  });
}
