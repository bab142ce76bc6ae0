// swallowed-error in a callback-era stream or queue consumer: the final `.catch` of the handler's promise
// chain logs the failure and answers success, `callback(null, counts)`, or calls back nothing at all (Lambda
// then waits for the event loop and reports success). Either way the batch counts as processed: the
// stream moves past the failed records, the queue deletes them. A rejection ended this way is the
// `try { ... } catch (e) { log(e) }` of an async batch handler, spelled in callbacks.
import { isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isObservation } from './catchFacts.js';
import { outboundChain } from './chainStandIn.js';

/**
 * The message when `call` (a `.catch(fn)`) ends a batch handler's chain with a success answer, else undefined.
 *
 * @example
 * // function handler(event, context, cb) { work(event).then(() => cb(null, n)).catch((e) => { log(e); cb(null, n) }) }
 * batchChainSuccess(ctx, catchCall, fn) // -> "...answers success..."
 */
export function batchChainSuccess(ctx: ModuleContext, call: Node, fn: Node): string | undefined {
  const entry = batchEntryAround(ctx, call);
  const callback = entry === undefined ? undefined : (entry.params as Node[])[2];
  if (entry === undefined || entry.async === true || callback?.type !== 'Identifier') return undefined;
  // The chain is the statement itself, not a value a caller reads.
  if (ctx.parentOf(call)?.type !== 'ExpressionStatement') return undefined;
  const event = (entry.params as Node[])[0];
  const chainText = ctx.source.slice(call.start, (call.callee as Node).end);
  const handsEvent = event?.type === 'Identifier' && new RegExp(`\\b${event.name}\\b`).test(chainText);
  if (outboundChain(ctx, call) === undefined && !handsEvent) return undefined;
  const name = callback.name as string;
  const body = fn.body as Node;
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
  let answered = false;
  for (const s of statements) {
    const value = unwrap(
      s.type === 'ReturnStatement'
        ? (s.argument as Node)
        : s.type === 'ExpressionStatement'
          ? (s.expression as Node)
          : s,
    );
    if (value?.type === 'CallExpression' && isCallbackCall(value, name)) {
      // `callback(err)` hands the failure to Lambda: the batch is retried.
      const first = unwrap((value.arguments as Node[])[0]);
      if (first !== undefined && !(first.type === 'Literal' && first.value === null)) return undefined;
      answered = true;
      continue;
    }
    if (!isObservation(s) && !(s.type === 'ReturnStatement' && isObservation(s.argument as Node | null)))
      return undefined;
  }
  return answered
    ? ".catch() ends the batch consumer's chain with callback(null, ...): Lambda counts the whole batch as processed, so the records that failed are skipped (a stream moves past them, a queue deletes them); call back with the error, or report the failed records"
    : ".catch() ends the batch consumer's chain with a log and no callback: Lambda answers success once the event loop drains, so the records that failed are skipped (a stream moves past them, a queue deletes them); call back with the error";
}

/** `cb(...)` of the handler's own callback parameter, by name. */
function isCallbackCall(call: Node, name: string): boolean {
  const callee = unwrap(call.callee as Node);
  return callee?.type === 'Identifier' && callee.name === name;
}

/** The batch handler (ctx.batchHandlers) whose body holds `node`, however deep in its callbacks. */
function batchEntryAround(ctx: ModuleContext, node: Node): Node | undefined {
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n))
    if (isFunction(n) && ctx.batchHandlers.has(n)) return n;
  return undefined;
}
