// A batch handler that cannot fail a record: it does no I/O, and hands each record to module-local
// functions that only log (`const logRecord = (r) => console.log(r.eventID)`) or whose whole body is one
// try whose catch never rethrows (`function check(r) { try { ... } catch (e) { console.error(...) } }`),
// with no I/O in them either. Nothing in the batch can fail, for a transient reason or any other, so there
// is no record to report as failed and nothing to bisect.
import { builtinModules } from 'node:module';
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { doesWork } from '../handlerFacts.js';
import type { ModuleContext } from '../ModuleContext.js';

const NODE_BUILTINS = new Set(builtinModules);

/** Work that may wait on something outside the process: an await, a promise, a `.then`, an SDK `send`. */
function waits(fn: Node): boolean {
  return someDescendant(fn.body, (n) => {
    if (n.type === 'AwaitExpression' || n.type === 'YieldExpression') return true;
    if (n.type === 'NewExpression' && unwrap(n.callee)?.name === 'Promise') return true;
    return n.type === 'CallExpression' && /^(then|send|promise)$/.test(calleeName(n) ?? '');
  });
}

/** A call of a function imported from anything but a Node built-in (`crypto`, `node:util`): unseen work. */
function callsImported(ctx: ModuleContext, fn: Node): boolean {
  return someDescendant(fn.body, (n) => {
    if (n.type !== 'CallExpression') return false;
    let root = unwrap(n.callee);
    while (root?.type === 'MemberExpression') root = unwrap(root.object);
    if (root?.type !== 'Identifier') return false;
    const source = ctx.importOf(root.name as string, root)?.source;
    return source !== undefined && !NODE_BUILTINS.has(source.replace(/^node:/, ''));
  });
}

/** A module-local function that catches every failure of its body and does no I/O. */
function catchesAll(ctx: ModuleContext, fn: Node): boolean {
  const statements = fn.body?.type === 'BlockStatement' ? (fn.body.body as Node[]) : [];
  const last = statements.at(-1);
  if (last?.type !== 'TryStatement' || last.handler == null) return false;
  if (statements.some((st) => st !== last && st.type !== 'VariableDeclaration')) return false;
  if (someDescendant(last.handler.body as Node, (n) => n.type === 'ThrowStatement', true)) return false;
  return !waits(fn) && !callsImported(ctx, fn);
}

/**
 * True when no record of the batch can fail: the handler awaits nothing, throws only from a catch
 * (rethrowing what could not be foreseen), and every call of a module-local function in it is one that
 * only logs or catches all (at least one: a handler that does all the work itself is judged as before).
 */
export function cannotFailRecord(ctx: ModuleContext, fn: Node): boolean {
  if (waits(fn) || callsImported(ctx, fn)) return false;
  const looseThrow = someDescendant(fn.body, (n) => {
    if (n.type !== 'ThrowStatement') return false;
    for (let p = ctx.parentOf(n); p !== undefined && p !== fn; p = ctx.parentOf(p))
      if (p.type === 'CatchClause') return false;
    return true;
  });
  if (looseThrow) return false;
  let delegated = 0;
  const unsafe = someDescendant(fn.body, (n) => {
    if (n.type !== 'CallExpression' || unwrap(n.callee)?.type !== 'Identifier') return false;
    const local = ctx.functionOf(n.callee);
    if (local === undefined || !isFunction(local)) return false;
    if (!catchesAll(ctx, local) && doesWork(local)) return true;
    delegated++;
    return false;
  });
  return !unsafe && delegated > 0;
}
