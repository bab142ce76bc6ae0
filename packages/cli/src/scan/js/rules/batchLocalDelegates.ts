// batch-no-partial-failure: an entry handler that hands its whole event to a function of its own module
// as its answer (`exports.handler = async (event) => { return writeStream(event) }`) reads no record
// itself, so it is no batch handler by its own text; the records are worked in the function it delegates
// to. That function is judged as the handler would be were it inlined, and the finding stays at the entry
// (the export the template wires). An imported delegate is judged in its own module (eventTakers.ts).
import { type Node, unwrap } from '../ast.js';
import { isBatch } from '../handlerTypes.js';
import type { ModuleContext } from '../ModuleContext.js';

/** `return f(event)`, `return await f(event)`, `await f(event);` or an arrow's body `f(event)`: the call. */
function delegatingCall(statement: Node | undefined): Node | undefined {
  let e = unwrap(statement);
  if (e?.type === 'ReturnStatement' || e?.type === 'ExpressionStatement')
    e = unwrap((e.argument ?? e.expression) as Node | undefined);
  if (e?.type === 'AwaitExpression') e = unwrap(e.argument as Node);
  return e?.type === 'CallExpression' ? e : undefined;
}

/**
 * The module-local function `entry` hands its event to, first argument and unchanged, in a statement of its
 * own body (not under a try of the entry's: a catch there is the entry's to answer for), when that function
 * takes the batch (js/handlerTypes.ts isBatch). None when the function is an entry point itself (exported
 * or wired: judged on its own) or is not this module's.
 *
 * @example
 * localBatchDelegate(ctx, entry) // writeStream of `exports.handler = async (event) => writeStream(event)`
 */
export function localBatchDelegate(ctx: ModuleContext, entry: Node): Node | undefined {
  const param = unwrap((entry.params as Node[])[0]);
  if (param?.type !== 'Identifier') return undefined;
  const body = entry.body as Node;
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
  for (const statement of statements) {
    const call = delegatingCall(statement);
    const callee = unwrap(call?.callee as Node | undefined);
    const first = unwrap((call?.arguments as Node[] | undefined)?.[0]);
    if (callee?.type !== 'Identifier' || first?.type !== 'Identifier' || first.name !== param.name) continue;
    const fn = ctx.functionOf(callee);
    if (
      fn === undefined ||
      fn === entry ||
      ctx.handlers.get(fn) === 'entry' ||
      ctx.exports.has(callee.name as string)
    )
      continue;
    if (ctx.batchHandlers.has(fn) || !isBatch(ctx, fn)) continue;
    return fn;
  }
  return undefined;
}
