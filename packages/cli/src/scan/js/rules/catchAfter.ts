// What runs after a catch that only logs, up to its function: a throw or the outer catch's own answer (the
// failure is not passed off as success, so swallowed-error leaves the catch alone; a hand-on of the failure
// beside it is handsOnFailure.ts); a delete after it that loses the failed work for good is deletedAfterTry.ts.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { isDefaultValue } from '../emptyValues.js';
import type { ModuleContext } from '../ModuleContext.js';
import { caughtHere } from './catchBeforeThrow.js';
import { exportNamesOf } from './lambda.js';
import { marksDoneAfter } from './marksDoneAfter.js';
import { setOnlyByTry } from './tryAssigned.js';
import { findsUnset, unsetWhenFailed } from './unsetWhenFailed.js';

/**
 * A block around the try, up to its function, throws unconditionally after it (`catch (err) { if (run)
 * { try { await recordFailure() } catch { log } } throw err; }`): the invocation fails anyway, and the
 * logged failure is a second one on the way out.
 */
export function throwsAfter(ctx: ModuleContext, tryStatement: Node): boolean {
  for (let n: Node = tryStatement, p = ctx.parentOf(n); p !== undefined; n = p, p = ctx.parentOf(p)) {
    if (isFunction(p)) return false;
    if (p.type !== 'BlockStatement') continue;
    const statements = p.body as Node[];
    const after = statements.slice(statements.indexOf(n) + 1);
    if (after.some((s) => s.type === 'ThrowStatement' && !caughtHere(ctx, s))) return true;
  }
  return false;
}

/**
 * The try is a fallback tried while handling another error (`catch (error) { try { return await
 * fallbackImage() } catch (e) { log(e) } return errorResponse(error) }`): when it fails too, the outer
 * catch goes on to answer the original error, so nothing passes for success.
 */
export function answersOriginalError(ctx: ModuleContext, tryStatement: Node): boolean {
  let answers = false;
  for (let n: Node = tryStatement, p = ctx.parentOf(n); p !== undefined; n = p, p = ctx.parentOf(p)) {
    if (isFunction(p)) return false;
    if (p.type === 'CatchClause') return answers;
    if (p.type !== 'BlockStatement') continue;
    const statements = p.body as Node[];
    const after = statements.slice(statements.indexOf(n) + 1);
    // `return null` after the fallback would hide both failures: only an answer of its own counts.
    const answer = (s: Node) =>
      s.type === 'ThrowStatement' ||
      (s.type === 'ReturnStatement' && s.argument != null && !isDefaultValue(s.argument));
    if (after.some(answer)) answers = true;
  }
  return false;
}

/**
 * The try sets a variable its catch leaves unset, and after it (in its block or one around it, up to the
 * function) an `if` that finds the variable unset throws: `try { cek = await decrypt(key) } catch (e) {
 * log(e) }` in a loop over keys, then `if (cek === undefined) throw new Error(...)`. The failure is not
 * passed off as success: it is a fallback, and the function fails when no attempt gave a value.
 */
export function unsetThrowsAfter(ctx: ModuleContext, tryStatement: Node): boolean {
  const names = setOnlyByTry(tryStatement);
  if (names.length === 0) return false;
  const throws = (s: Node) =>
    s.type === 'ThrowStatement' ||
    (s.type === 'BlockStatement' && (s.body as Node[]).some((b) => b.type === 'ThrowStatement'));
  for (let n: Node = tryStatement, p = ctx.parentOf(n); p !== undefined; n = p, p = ctx.parentOf(p)) {
    if (isFunction(p)) return false;
    if (p.type !== 'BlockStatement') continue;
    const checked = later(ctx, n).some(
      (s) =>
        s.type === 'IfStatement' &&
        throws(s.consequent as Node) &&
        names.some((x) => findsUnset(s.test, x) && unsetWhenFailed(ctx, tryStatement, x, s)),
    );
    if (checked) return true;
  }
  return false;
}

/** A call that deletes or acknowledges: `deleteResponses(...)`, `sqs.deleteMessage(...)`, `removeMarker(...)`. */
export const DELETE_CALL = /^(delete|remove|purge|ack|acknowledge)([A-Z_]\w*)?$/;
/** An SDK v3 delete sent: `client.send(new DeleteCommand(...))`, `DeleteMessageCommand`, `DeleteObjectsCommand`. */
const DELETE_COMMAND = /^Delete\w*Command$/;

/** A call that deletes by name (DELETE_CALL) or sends an SDK v3 `Delete*Command`. */
export function deletes(ctx: ModuleContext, call: Node): boolean {
  const name = calleeName(call) ?? '';
  if (DELETE_CALL.test(name)) return true;
  if (name !== 'send') return false;
  const command = ctx.valueOf((call.arguments as Node[])[0]);
  return command?.type === 'NewExpression' && DELETE_COMMAND.test(unwrap(command.callee)?.name ?? '');
}

/** Statements after `node` in the block around it. */
export function later(ctx: ModuleContext, node: Node): Node[] {
  const block = ctx.parentOf(node);
  if (block?.type !== 'BlockStatement') return [];
  const statements = block.body as Node[];
  return statements.slice(statements.indexOf(node) + 1);
}

/**
 * After `node`, in the same block, the code sets a flag (`s3Ok = true`) that a later `if` of the function
 * tests before doing more work (`if (cfOk && s3Ok) await writeFlushMarker()`): the run records its own
 * success. A job's next run selects its work again only if nothing says it was done, so a failure
 * discarded before such a flag (a batch answer never read) is not retried by the next run.
 */
export function recordsSuccessAfter(ctx: ModuleContext, node: Node): boolean {
  // Or it writes the item's state as done, which a status query for pending work no longer selects.
  if (marksDoneAfter(ctx, node)) return true;
  // Statements after the one holding `node`, in its block and each block around it up to the function.
  const after: Node[] = [];
  for (let n: Node = node, p = ctx.parentOf(n); p !== undefined && !isFunction(p); n = p, p = ctx.parentOf(p))
    if (p.type === 'BlockStatement') after.push(...later(ctx, n));
  const flags = after.flatMap((s) => {
    const e = s.type === 'ExpressionStatement' ? unwrap(s.expression) : undefined;
    const left = e?.type === 'AssignmentExpression' ? unwrap(e.left) : undefined;
    const right = e?.type === 'AssignmentExpression' ? unwrap(e.right) : undefined;
    return left?.type === 'Identifier' && right?.type === 'Literal' && right.value === true
      ? [left.name as string]
      : [];
  });
  const fn = ctx.enclosingFunction(node);
  if (flags.length === 0 || fn === undefined) return false;
  const isFlag = (d: Node) => d.type === 'Identifier' && flags.includes(d.name as string);
  return someDescendant(
    fn.body as Node,
    (n) =>
      n.type === 'IfStatement' &&
      n.start > node.end &&
      (isFlag(n.test) || someDescendant(n.test, isFlag)) &&
      someDescendant(n.consequent, (d) => d.type === 'AwaitExpression', true),
    true,
  );
}

/**
 * The try sits in a module-local, unexported function, and every call of it sits in a try whose own catch
 * only logs (`try { const secret = await getSecret(); if (!secret) return; await revalidate(secret) }
 * catch (e) { log(e) // best effort }`): the caller already decided what a failure of that work means, and
 * its catch is where that decision is judged. Reporting the helper too would only repeat it.
 */
export function feedsOnlyBestEffort(
  ctx: ModuleContext,
  tryStatement: Node,
  bestEffort: (outerTry: Node) => boolean,
): boolean {
  const fn = ctx.enclosingFunction(tryStatement);
  if (fn === undefined || exportNamesOf(ctx, fn).length > 0) return false;
  const holder = ctx.parentOf(fn);
  const name = fn.id?.name ?? (holder?.type === 'VariableDeclarator' ? holder.id?.name : undefined);
  if (typeof name !== 'string') return false;
  const calls = ctx
    .of('CallExpression')
    .filter((c) => unwrap(c.callee)?.type === 'Identifier' && calleeName(c) === name);
  return (
    calls.length > 0 &&
    calls.every((call) => {
      for (
        let n: Node = call, p = ctx.parentOf(n);
        p !== undefined && !isFunction(p);
        n = p, p = ctx.parentOf(p)
      )
        if (p.type === 'TryStatement' && p.block === n) return bestEffort(p);
      return false;
    })
  );
}
