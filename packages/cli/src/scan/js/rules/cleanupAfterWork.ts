// swallowed-error: a delete whose failure is dropped after the work is done. A stale connection row removed
// once a push answered Gone, temporary rows or parameters removed after the main write, a SQL
// `DELETE FROM ... temp ...` after the `UPDATE`: the work the caller asked for is already committed, and a
// failed delete only leaves garbage behind. Failing the request or the message there would redo (or refuse)
// work already done. A delete that is the function's first piece of work (a DELETE route's own delete)
// is the work, and stays judged.
import { calleeName, isFunction, type Node, someDescendant, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { onlyCleanup } from './catchExemptions.js';
import { requestedDeletes } from './requestedDeletes.js';
import { everyAwaitedCall } from './telemetryFacts.js';

/** A SQL delete handed to a client's query method: `pool.query('DELETE FROM t WHERE ...', [id])`. */
const SQL_CALL = /^(query|execute|run|exec|none|result)$/;
const SQL_DELETE = /^\s*DELETE\s+FROM\b/i;

/**
 * The chain's receiver (`ddb.send(new DeleteItemCommand(...))`, `pool.query('DELETE FROM ...')`) is a
 * cleanup, and its function awaited other work earlier in its body (a write or a send that is not
 * itself a cleanup): the delete comes after the work is done.
 *
 * @example
 * cleanupAfterWork(ctx, receiver) // await pool.query('UPDATE ...'); await pool.query('DELETE FROM tmp ...').catch(() => {}) -> true
 */
export function cleanupAfterWork(ctx: ModuleContext, receiver: Node): boolean {
  return isCleanupCall(ctx, receiver) && workBefore(ctx, receiver);
}

/**
 * A try whose every awaited call is a cleanup, a project helper named for one included
 * (`await deleteSingleUseKeypair(key)` after `await sendTransaction(tx)`), after the function awaited
 * its work: a catch that only logs there loses none of that work. Alone the delete may be the work (a
 * DELETE route's `deleteLog(id)`), and stays judged.
 */
export function cleanupTryAfterWork(ctx: ModuleContext, tryStatement: Node): boolean {
  const block = tryStatement.block as Node;
  return everyAwaitedCall(block, (call) => isCleanupCall(ctx, call)) && workBefore(ctx, tryStatement);
}

/**
 * The function around `at` awaited, on the path that runs before it, a call that commits something (not a
 * read, a connect or a cleanup), and that call is its first commit: a delete that follows deletes (a
 * cascade, `DELETE FROM watchers ...` then `DELETE FROM photos ...`) may be the work itself. Only the
 * statements before `at` in each block around it count, the try block too when `at` is in its catch; a
 * sibling branch (another `case`, the other side of an `if`) never ran.
 */
function workBefore(ctx: ModuleContext, at: Node): boolean {
  const fn = ctx.enclosingFunction(at);
  if (fn === undefined) return false;
  const first = awaitsBefore(ctx, at, fn)
    .sort((a, b) => a.start - b.start)
    .find((call) => !isRead(ctx, call));
  return first !== undefined && !isCleanupCall(ctx, first);
}

/** The calls awaited in `fn` before `at` on its path (see workBefore), a callback's own awaits left out. */
function awaitsBefore(ctx: ModuleContext, at: Node, fn: Node): Node[] {
  const calls: Node[] = [];
  const collect = (root: Node) =>
    someDescendant(
      root,
      (n) => {
        const arg = n.type === 'AwaitExpression' ? unwrap(n.argument as Node) : undefined;
        if (arg?.type === 'CallExpression') calls.push(arg);
        return false;
      },
      true,
    );
  let child = at;
  for (let p = ctx.parentOf(at); p !== undefined && child !== fn; child = p, p = ctx.parentOf(p)) {
    const list = p.type === 'BlockStatement' ? p.body : p.type === 'SwitchCase' ? p.consequent : undefined;
    for (const st of (list as Node[] | undefined) ?? []) {
      if (st === child) break;
      collect(st);
    }
    // A catch or finally runs after its try block.
    if (p.type === 'TryStatement' && child !== p.block) collect(p.block as Node);
  }
  return calls;
}

/**
 * An AWS cleanup (catchExemptions' onlyCleanup read on the one call), a SQL DELETE, or a call named for
 * a delete, a project's own function included (`deleteS3Object(...)`, `s3.removeTemp(...)`): trusted by
 * its name only behind work already done (workBefore).
 */
function isCleanupCall(ctx: ModuleContext, call: Node): boolean {
  if (call.type !== 'CallExpression') return false;
  if (SQL_CALL.test(calleeName(call) ?? '')) return SQL_DELETE.test(stringValue(call.arguments[0]) ?? '');
  const text = ctx.source.slice(call.start, call.end);
  // `onlyCleanup` reads awaited calls inside a block; a lone call is read by its command or method name.
  if (text.includes('Command')) return onlyCleanup(ctx, call);
  let name = calleeName(call) ?? '';
  const inner = unwrap(unwrap(call.callee)?.object);
  if (name === 'promise' && inner?.type === 'CallExpression') name = calleeName(inner) ?? '';
  const member = unwrap(call.callee)?.type === 'MemberExpression';
  return DELETE_NAME.test(name) && (member || unwrap(call.callee)?.type === 'Identifier');
}

const DELETE_NAME = /^(delete|remove)(?![a-z])\w*$/;

/**
 * A read: nothing is committed by it (a SELECT, a Get/Query/Scan command, `bcrypt.compare`); nor by a
 * connection made ready (`await psql.connect()`, `getPool()`).
 */
const READ_NAME =
  /^(get|list|query|find|scan|fetch|load|read|describe|lookup|select|compare|hash|verify|connect|open|init)(?![a-z])/;
const READ_COMMAND = /\bnew\s+(Get|BatchGet|Query|Scan|List|Describe)\w*Command\b/;
const SQL_READ = /^\s*(SELECT|WITH)\b/i;

function isRead(ctx: ModuleContext, call: Node): boolean {
  const name = calleeName(call) ?? '';
  if (SQL_CALL.test(name) || name === 'query') {
    const sql = stringValue(call.arguments[0]);
    if (sql !== undefined) return SQL_READ.test(sql);
  }
  if (name === 'send') return READ_COMMAND.test(ctx.source.slice(call.start, call.end));
  if (name === 'promise') {
    const inner = unwrap(unwrap(call.callee)?.object);
    return inner?.type === 'CallExpression' && READ_NAME.test(calleeName(inner) ?? '');
  }
  return READ_NAME.test(name) || isFunction(unwrap(call.callee));
}

/**
 * A helper whose try only cleans up (`return await s3.deleteObject(p).promise()`, a `DeleteCommand`) and
 * falls out with undefined on a failure: a delete answers nothing either way, so no caller can mistake a
 * stand-in for data; judged as a cleanup that only logs is. Not the entry handler's own request for the
 * delete (requestedDeletes.ts).
 */
export function helperCleanup(ctx: ModuleContext, tryStatement: Node): boolean {
  return onlyCleanup(ctx, tryStatement.block as Node) && !requestedDeletes(ctx, tryStatement);
}

/**
 * What a handler path's catch that only logs is reported for: the try's failure loses work. Not a cleanup
 * (catchExemptions' onlyCleanup) unless it is the run the event asked for (requestedDeletes.ts), nor a
 * cleanup after the work is done.
 */
export function losesWork(ctx: ModuleContext, tryStatement: Node): boolean {
  return (
    (!onlyCleanup(ctx, tryStatement.block as Node) || requestedDeletes(ctx, tryStatement)) &&
    !cleanupTryAfterWork(ctx, tryStatement)
  );
}
