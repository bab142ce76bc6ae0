// swallowed-error: a try that only ends a session (`await smtp.quit()`, `await client.rset()`,
// `await conn.end()`, `await client.release()`, `await browser.close()`). Ending a connection is never the
// work: the mail was accepted at DATA, the transaction committed or not before it. A failed goodbye leaves
// a socket for the server's idle timeout to close, so an empty or log-only catch there hides nothing.
import { calleeName, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isIoNode } from './catchFacts.js';

/** Verbs that only ever end a protocol session (`rset` is SMTP's reset before QUIT). */
const SESSION_VERB = /^(quit|rset|logout|disconnect)$/;
/**
 * Verbs that end a session only when a connection says them: on a record or an API resource they are the
 * work (Sequelize's `user.destroy()` deletes the row, `stripe.disputes.close(id)` concedes the dispute,
 * a workflow handle's `terminate()` stops the workflow).
 */
const CONNECTION_VERB = /^(close|end|release|destroy|dispose|terminate)$/;
const TEARDOWN_TEXT = /\.\s*(close|end|disconnect|quit|release|destroy|rset|logout|dispose|terminate)\s*\(/;

/**
 * Receivers that hold a connection, a pool or a session, whose `close()`/`end()`/`release()` hangs up. A
 * response, a stream, a file or upload writer is none: its `end()`/`close()` flushes the last bytes, and a
 * failure there loses them.
 */
const CONNECTION =
  /(client|conn|connection|pool|db|database|session|socket|browser|page|transport|transporter|mailer|smtp|imap|sftp|ftp|ssh|channel|producer|consumer|redis|knex|sequelize|mongoose|driver|server|worker|datasource|orm|subscriber|publisher)$/i;

/** `client.quit(...)`, `this.pool.end()`: a session's verb, or a connection's closing verb. */
function isTeardown(call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return false;
  const verb = calleeName(call) ?? '';
  const receiver = memberPath(callee)?.at(-2) ?? '';
  if (SESSION_VERB.test(verb)) return true;
  return CONNECTION_VERB.test(verb) && CONNECTION.test(receiver) && !writesLastChunk(call, verb);
}

/** `socket.end(lastChunk)`: a net socket's `end` with data writes it first, and a failure loses it. */
function writesLastChunk(call: Node, verb: string): boolean {
  const first = unwrap((call.arguments as Node[])[0]);
  if (verb !== 'end' || first === undefined) return false;
  return !/Function|ObjectExpression/.test(first.type);
}

/**
 * Every call the try awaits, and every call of it that reaches another system, is a session's teardown,
 * and there is at least one.
 *
 * @example
 * onlyEndsSession(tryStatement.block) // try { await client.rset(); await client.quit(); } -> true
 * onlyEndsSession(tryStatement.block) // try { await client.query('COMMIT'); await client.end(); } -> false
 */
export function onlyEndsSession(ctx: ModuleContext, block: Node): boolean {
  // Cheap first: a block whose text calls no teardown verb is not walked (isIoNode is asked of every node).
  if (!TEARDOWN_TEXT.test(ctx.source.slice(block.start as number, block.end as number))) return false;
  let teardowns = 0;
  const other = someDescendant(
    block,
    (n) => {
      if (n.type === 'CallExpression' && isTeardown(n)) {
        teardowns++;
        return false;
      }
      if (n.type === 'AwaitExpression') {
        const arg = unwrap(n.argument as Node);
        return arg?.type !== 'CallExpression' || !isTeardown(arg);
      }
      return isIoNode(ctx, n);
    },
    true,
  );
  return !other && teardowns > 0;
}
