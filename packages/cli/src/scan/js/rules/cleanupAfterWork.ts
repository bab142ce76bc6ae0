// swallowed-error: a delete whose failure is dropped after the work is done. A stale connection row removed
// once a push answered Gone, temporary rows or parameters removed after the main write, a SQL
// `DELETE FROM ... temp ...` after the `UPDATE`: the work the caller asked for is already committed, and a
// failed delete only leaves garbage behind. Failing the request or the message there would redo (or refuse)
// work already done. A delete that is the function's first piece of work (a DELETE route's own delete)
// is the work, and stays judged.
import { calleeName, type Node, someDescendant, stringValue, unwrap } from '../ast.js';
import { mentions } from '../heldRecord.js';
import type { ModuleContext } from '../ModuleContext.js';
import { DELETE_CALL } from './catchAfter.js';
import { onlyCleanup } from './catchExemptions.js';
import { verbOf } from './ioVerbs.js';
import { requestedDeletes } from './requestedDeletes.js';
import { everyAwaitedCall } from './telemetryFacts.js';
import { WRITE_NAME } from './writeStepCatch.js';

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
  const call = unwrap(receiver) ?? receiver;
  return isCleanupCall(ctx, call) && workBefore(ctx, call);
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
 * The function around `at` awaited, on the path that runs before it, a write or a send (ioVerbs' verbOf
 * read, a prebuilt command resolved; a Promise.all by the calls in it), and the first of those is no
 * delete: a delete that follows deletes (a cascade, `DELETE FROM watchers ...` then `DELETE FROM photos
 * ...`) may be the work itself. Only the statements before `at` in each block around it count, minus a
 * branch that returned or threw there; a sibling branch (another `case`, the other side of an `if`) never
 * ran. A catch counts its try only when it tests the error's kind (a Gone connection): else the try may
 * have failed before its write, and the delete is a rollback.
 */
function workBefore(ctx: ModuleContext, at: Node): boolean {
  const fn = ctx.enclosingFunction(at);
  if (fn === undefined) return false;
  const first = awaitsBefore(ctx, at, fn)
    .flatMap(allItems)
    .sort((a, b) => a.start - b.start)
    .find((call) => isCleanupCall(ctx, call) || commits(ctx, call));
  return first !== undefined && !isCleanupCall(ctx, first);
}

/** The calls `Promise.all([...])`/`allSettled` awaits, else the call itself. */
function allItems(call: Node): Node[] {
  const list = calleeName(call)?.startsWith('all') ? unwrap((call.arguments as Node[])[0]) : undefined;
  if (list?.type !== 'ArrayExpression') return [call];
  return (list.elements as Node[])
    .map((e) => unwrap(e))
    .filter((e): e is Node => e?.type === 'CallExpression');
}

/** The calls awaited in `fn` before `at` on its path (see workBefore), a callback's own awaits left out. */
function awaitsBefore(ctx: ModuleContext, at: Node, fn: Node): Node[] {
  const calls: Node[] = [];
  const collect = (root: Node) =>
    someDescendant(
      root,
      (n) => {
        const arg = n.type === 'AwaitExpression' ? unwrap(n.argument as Node) : undefined;
        if (arg?.type === 'CallExpression' && !inExitBranch(ctx, n, root)) calls.push(arg);
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
    // A catch that tests the error's kind runs after its try block's work.
    if (p.type === 'TryStatement' && child === p.handler && testsError(ctx, child)) collect(p.block as Node);
  }
  return calls;
}

/** `node` sits, below `root`, in an `if` branch or a `case`: it may not have run (or returned there). */
function inExitBranch(ctx: ModuleContext, node: Node, root: Node): boolean {
  for (let c = node, p = ctx.parentOf(node); p !== undefined && c !== root; c = p, p = ctx.parentOf(p)) {
    if ((p.type === 'IfStatement' && c !== p.test) || p.type === 'SwitchStatement') return true;
  }
  return false;
}

/**
 * A catch whose body tests its error, or a `const` read from it (`if (!(err instanceof GoneException)) throw
 * err`, `const status = err?.statusCode; if (status === 410)`).
 */
function testsError(ctx: ModuleContext, handler: Node): boolean {
  const name = (handler.param as Node | undefined)?.name;
  if (typeof name !== 'string') return false;
  // Read as variables, not as text: a comment, a string or a `$e` parameter must not decide it.
  const names = new Set([name]);
  for (const st of (handler.body as Node).body as Node[]) {
    for (const d of st.type === 'VariableDeclaration' ? (st.declarations as Node[]) : []) {
      if (d.id.type === 'Identifier' && mentions(ctx, d.init as Node | undefined, names))
        names.add(d.id.name);
    }
  }
  return someDescendant(
    handler.body as Node,
    (n) => n.type === 'IfStatement' && mentions(ctx, n.test, names),
    true,
  );
}

/** A write or a send by its verb (`save`, `PutItemCommand`, `sendEmail`, a SQL INSERT/UPDATE). */
function commits(ctx: ModuleContext, call: Node): boolean {
  const verb = verbOf(ctx, call);
  if (SQL_CALL.test(verb)) return SQL_WRITE.test(stringValue(call.arguments[0]) ?? '');
  const lower = verb.charAt(0).toLowerCase() + verb.slice(1);
  return WRITE_NAME.test(lower) || SEND_NAME.test(lower);
}

const SQL_WRITE = /^\s*(INSERT|UPDATE|UPSERT|MERGE|REPLACE)\b/i;
/** A send: a message, a mail, a push, a post, a transaction sent (`sendTransaction`, `postToConnection`). */
const SEND_NAME = /^(send|post|publish|notify|mail|email|invoke|charge|transfer)([A-Z_]|$)/;

/**
 * A SQL DELETE, or a delete by its verb (catchAfter's DELETE_CALL on ioVerbs' verbOf: `deleteS3Object(...)`,
 * `s3.deleteObject(p).promise()`, `ddb.send(del)` with `const del = new DeleteItemCommand(...)`): trusted by
 * its name only behind work already done (workBefore). Not a grant taken back (`removeRole`,
 * `deletePolicy`): that is the work.
 */
function isCleanupCall(ctx: ModuleContext, call: Node): boolean {
  if (call.type !== 'CallExpression') return false;
  const verb = verbOf(ctx, call);
  if (SQL_CALL.test(verb)) return SQL_DELETE.test(stringValue(call.arguments[0]) ?? '');
  return (DELETE_CALL.test(verb) || /^Delete\w*Command$/.test(verb)) && !GRANT.test(verb);
}

const GRANT = /(Role|Grant|Permission|Policy|Member|Access|Subscription|Subscriber)/;

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
