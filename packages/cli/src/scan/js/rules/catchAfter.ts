// What runs after a catch that only logs, up to its function: a throw, or the outer catch's own answer.
// Either way the failure is not passed off as success, so swallowed-error leaves the catch alone.
import { isDefaultValue, isFunction, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

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
    if (statements.slice(statements.indexOf(n) + 1).some((s) => s.type === 'ThrowStatement')) return true;
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
