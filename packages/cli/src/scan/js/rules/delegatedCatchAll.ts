// A fan-out callback that hands each record to a function of the module whose whole body is one try whose
// catch keeps the failure (answers a result, or only logs): that record's promise cannot reject the
// `Promise.all` it is part of (promiseAll.ts).
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mayThrow } from '../mayThrow.js';
import { isLogCall } from './catchFacts.js';

/**
 * A catch that only logs (`logger.error('x', e)`, then perhaps a bare `return;`): each statement a log call
 * that awaits nothing and is no function of the module that may throw (`rethrowIfRetryable(e)`).
 */
function onlyLogsCatch(ctx: ModuleContext, handler: Node): boolean {
  const statements = handler.body as Node[];
  return statements.every((st, i) => {
    if (st.type === 'ReturnStatement') return st.argument == null && i === statements.length - 1;
    if (!isLogCall(st) || unwrap(st.expression)?.type !== 'CallExpression') return false;
    const own = ctx.functionOf(unwrap(st.expression)?.callee as Node);
    return own === undefined || !someDescendant(own.body as Node, (n) => n.type === 'ThrowStatement', true);
  });
}

/** The try hands back no promise unawaited (`return save(x)` rejects after the try is left). */
function returnsUnawaited(block: Node): boolean {
  return someDescendant(
    block,
    (n) =>
      n.type === 'ReturnStatement' && n.argument != null && unwrap(n.argument)?.type !== 'AwaitExpression',
    true,
  );
}

/**
 * A callback that hands each record to a module-local function whose whole body is one try whose catch
 * answers a result (`return { status: false, messageId }`) or only logs (onlyLogsCatch), and never throws:
 * that promise cannot reject. A log-only catch counts only when the try returns no promise unawaited and
 * the declarations before it call nothing that may throw.
 */
export function delegatesToCatchAll(ctx: ModuleContext, cb: Node): boolean {
  const body = cb.body as Node;
  const single = body.type === 'BlockStatement' && body.body.length === 1 ? body.body[0] : undefined;
  const expr = unwrap(
    body.type !== 'BlockStatement' ? body : single?.type === 'ReturnStatement' ? single.argument : undefined,
  );
  const fn = expr?.type === 'CallExpression' ? ctx.functionOf(expr.callee) : undefined;
  const statements = fn?.body?.type === 'BlockStatement' ? (fn.body.body as Node[]) : [];
  const last = statements.at(-1);
  if (last?.type !== 'TryStatement' || last.handler == null) return false;
  const before = statements.slice(0, -1);
  if (before.some((st) => st.type !== 'VariableDeclaration')) return false;
  const handler = last.handler.body as Node;
  if (someDescendant(handler, (n) => n.type === 'ThrowStatement', true)) return false;
  if (someDescendant(handler, (n) => n.type === 'ReturnStatement' && n.argument != null, true)) return true;
  return (
    onlyLogsCatch(ctx, handler) &&
    !returnsUnawaited(last.block as Node) &&
    !before.some((st) => mayThrow(ctx, st, 'local'))
  );
}
