// swallowed-error: a failed delete is a cleanup only beside other work (a temporary object removed after
// the upload, a stale row after the write). When the try is the whole body of a handler that reads its
// event (`export const handler = async (event) => { try { ...DeleteItem...DeleteSchedule... } catch (e) {
// log(e) } }`, on an EventBridge "campaign deleted" event), the deletes are the work the event asked for:
// a catch that only logs them makes the invocation succeed, so Lambda's retries never run and the things
// meant to go (a live schedule that keeps posting) stay.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { selectsOwnWork } from './catchExemptions.js';

/**
 * The try is the only statement of an entry handler's body, in a module whose handlers read their event:
 * what it does, deletes included, is the run the event asked for.
 *
 * @example
 * requestedDeletes(ctx, tryStatement) // handler = async (event) => { try { await ddb.send(new DeleteItemCommand(...)) } catch (e) { log(e) } } -> true
 */
export function requestedDeletes(ctx: ModuleContext, tryStatement: Node): boolean {
  const body = ctx.parentOf(tryStatement);
  const fn = body === undefined ? undefined : ctx.parentOf(body);
  if (body?.type !== 'BlockStatement' || fn === undefined || ctx.handlers.get(fn) !== 'entry') return false;
  if (fn.body !== body || (body.body as Node[]).length !== 1) return false;
  return !selectsOwnWork(ctx);
}
