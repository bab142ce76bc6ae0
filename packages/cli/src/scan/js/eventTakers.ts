// A function a batch handler hands its whole event to (`await processBatch(event, deps)`, `const id =
// idFrom(event)`) sees that handler's batch, so it is judged with that handler: the scan's one notion of a
// batch delegate. In its own module the handler answers for the batch (it is judged itself), so the helper
// is no second entry point; across modules project.ts resolves the imported ones and batchOne.ts gives each
// its callers' batch size (1 only when every handler that hands it its event takes one record).
import { type Node, someDescendant, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { mayBeWorkspaceImport } from './workspaceImports.js';

/** A project function a handler hands its whole event to, by import (source '' for its own module). */
export interface EventTaker {
  readonly source: string;
  readonly name: string;
  /**
   * The handler drops the call's answer (`await handleEvent(event, work);` as a statement): the function
   * works the batch itself rather than hand something back (batchWorkerHandOff.ts).
   */
  readonly discarded?: true;
}

/** The calls in `handler` that take its event parameter whole as an argument, by an identifier callee. */
function eventCalls(handler: Node): Node[] {
  const first = (handler.params as Node[])[0];
  if (first?.type !== 'Identifier') return [];
  const event = first.name as string;
  const out: Node[] = [];
  const visit = (n: Node): boolean => {
    if (n.type !== 'CallExpression') return false;
    const callee = unwrap(n.callee);
    if (callee?.type !== 'Identifier') return false;
    if ((n.arguments as Node[]).some((a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === event))
      out.push(n);
    return false;
  };
  // `(event, context) => handle(event, context, processor)`: a concise body is the call itself, which
  // someDescendant (it never tests its root) would not visit.
  const body = handler.body as Node;
  visit(body);
  someDescendant(body, visit);
  return out;
}

/**
 * The project functions `handler` hands its event to, for the project pass: imported ones by their import,
 * this module's other exports with source ''.
 * @example
 * eventTakers(ctx, fn) // [{ source: './processor', name: 'processBatch' }] for `(e) => processBatch(e, db)`
 */
export function eventTakers(ctx: ModuleContext, handler: Node): EventTaker[] {
  const out: EventTaker[] = [];
  for (const call of eventCalls(handler)) {
    const callee = unwrap(call.callee) as Node;
    const name = callee.name as string;
    const imp = ctx.importOf(name, callee);
    const up = ctx.climb(call, (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression');
    const discarded = up.parent?.type === 'ExpressionStatement' ? { discarded: true as const } : {};
    // A workspace package's export is a delegate like a sibling module's (project.ts resolves both).
    if (imp !== undefined && mayBeWorkspaceImport(imp.source) && imp.imported !== '*')
      out.push({ source: imp.source, name: imp.imported, ...discarded });
    else if (imp === undefined && ctx.exports.has(name)) out.push({ source: '', name, ...discarded });
  }
  return out;
}

/**
 * Is `fn` a delegate of another entry handler of its module (called with that handler's event)? The handler
 * answers for the batch, so `fn` is not reported apart.
 * @example
 * takesOwnHandlersEvent(ctx, idFrom) // true when `handler = (event) => save(idFrom(event))`
 */
export function takesOwnHandlersEvent(ctx: ModuleContext, fn: Node): boolean {
  for (const [handler, kind] of ctx.handlers) {
    if (kind !== 'entry' || handler === fn) continue;
    if (eventCalls(handler).some((call) => ctx.functionOf(call.callee as Node) === fn)) return true;
  }
  return false;
}
