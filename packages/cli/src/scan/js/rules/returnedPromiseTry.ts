// swallowed-error: a try that hands its call's promise back unawaited (`try { return client.send(c) }
// catch (e) {...}`, `return s3.getObject(p).promise()`, `return fetch(url)`). The promise settles after the
// try is left, so its rejection goes to the caller that awaits it and never reaches this catch: the catch
// sees only a synchronous throw (building the request), and swallows no failure of another system.
// `return await x` is caught, and stays judged.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { ownMethod } from '../memberClass.js';
import { isIoNode } from './catchFacts.js';

/** A synchronous call that reaches the file system or a child process (`readFileSync`, `execSync`). */
const SYNC_IO = /Sync$/;

/**
 * The module's own function or method, awaited, that itself awaits nothing and calls no other system nor
 * another of the module's async functions, whose promise it could hand back (`text: await
 * this.openedMessage(user)` where `async openedMessage(u) { return \`...\` }`): its promise cannot reject
 * for another system's failure.
 */
function awaitsLocalWork(ctx: ModuleContext, awaited: Node): boolean {
  const call = unwrap(awaited.argument as Node);
  if (call?.type !== 'CallExpression') return false;
  const fn = ownMethod(ctx, call) ?? ctx.functionOf(call.callee as Node);
  if (fn === undefined || !isFunction(fn)) return false;
  return !someDescendant(
    fn.body as Node,
    (n) =>
      n.type === 'AwaitExpression' || n.type === 'YieldExpression' || isIoNode(ctx, n) || promiseCall(ctx, n),
    true,
  );
}

/** A call whose value is a promise: another system's call, or the module's own async function or method. */
function promiseCall(ctx: ModuleContext, n: Node): boolean {
  if (n.type !== 'CallExpression') return false;
  if (isIoNode(ctx, n)) return true;
  const fn = ownMethod(ctx, n) ?? ctx.functionOf(n.callee as Node);
  return fn !== undefined && isFunction(fn) && fn.async === true;
}

/**
 * `n` lies inside the argument of a `return` of `block`. No callback lies between: the walk that asks
 * does not enter nested functions.
 */
function insideReturn(ctx: ModuleContext, n: Node, block: Node): boolean {
  for (let p = ctx.parentOf(n); p !== undefined && p !== block; p = ctx.parentOf(p)) {
    if (p.type === 'ReturnStatement') return true;
  }
  return false;
}

/**
 * The try's calls to other systems are all handed back unawaited by its `return`, and it awaits nothing
 * but the module's own local work, iterates nothing asynchronously and calls no synchronous I/O: no failure
 * of another system can reach its catch.
 *
 * @example
 * returnsPromiseUncaught(ctx, tryStatement) // try { return client.send(command) } catch (e) { log(e) } -> true
 * returnsPromiseUncaught(ctx, tryStatement) // try { return await client.send(command) } catch (e) { log(e) } -> false
 */
export function returnsPromiseUncaught(ctx: ModuleContext, tryStatement: Node): boolean {
  const block = tryStatement.block as Node;
  // An async generator's `return x` awaits x inside the function, so its try does catch the rejection.
  const fn = ctx.enclosingFunction(tryStatement);
  if (fn?.async === true && fn.generator === true) return false;
  // Cheap first: most tries return no call unawaited, and the walk below asks isIoNode of every node.
  const handsBack = someDescendant(
    block,
    (n) => n.type === 'ReturnStatement' && unwrap(n.argument as Node | null)?.type === 'CallExpression',
    true,
  );
  if (!handsBack) return false;
  let returned = 0;
  const caught = someDescendant(
    block,
    (n) => {
      if (n.type === 'YieldExpression') return true;
      if (n.type === 'ForOfStatement' && n.await === true) return true;
      if (n.type === 'AwaitExpression') return !awaitsLocalWork(ctx, n);
      if (n.type === 'CallExpression' && SYNC_IO.test(calleeName(n) ?? '')) return true;
      if (!isIoNode(ctx, n) && !promiseCall(ctx, n)) return false;
      if (!insideReturn(ctx, n, block)) return true;
      returned++;
      return false;
    },
    true,
  );
  return !caught && returned > 0;
}
