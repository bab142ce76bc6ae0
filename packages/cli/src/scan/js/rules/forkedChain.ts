// floating-promise: a `.then`/`.catch` chain hung as a statement on a promise kept in a local that the
// function also waits for (`const write = save(r); writes.push(write); write.then(log);` then `await
// Promise.all(writes)`, or `await write` later). The work itself is awaited where the local goes; the
// statement only forks a side chain off it (a log of the answer), so nothing the handler started floats.
// A fork whose callbacks start work of their own is still judged as floating.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { consumer } from './promiseFieldRead.js';

const CHAIN = new Set(['then', 'catch', 'finally']);

/** Calls that settle or gather the promise handed to them (`writes.push(p)` gathers it for a later all). */
const GATHERS = new Set(['push', 'unshift', 'all', 'allSettled', 'race', 'any']);

/** A logger's method, or a function named for logging (`log('saved', r)`, `logger.info(r)`). */
const LOGS = /^(log|info|debug|warn|error|trace)$/;

/**
 * The chain's callbacks start no work of their own: each is a plain (not async) function whose block
 * returns nothing, or whose expression body only logs. A fork whose callback writes (`p.then(async (c) =>
 * { await reset(c) })`) leaves that write floating, however the root is waited for.
 */
function sideOnly(ctx: ModuleContext, call: Node): boolean {
  for (let n: Node | undefined = call; n?.type === 'CallExpression'; n = unwrap(unwrap(n.callee)?.object)) {
    for (const arg of n.arguments as Node[]) {
      const cb = ctx.valueOf(arg);
      if (cb === undefined || !isFunction(cb) || cb.async === true) return false;
      const body = cb.body as Node;
      if (body.type !== 'BlockStatement') {
        const e = unwrap(body);
        if (e?.type !== 'CallExpression' || !LOGS.test(calleeName(e) ?? '')) return false;
      } else if (someDescendant(body, (m) => m.type === 'ReturnStatement' && m.argument != null, true))
        return false;
    }
  }
  return true;
}

/** The identifier at the root of `p.then(...).catch(...)`, if the chain starts at a plain name. */
function chainRoot(call: Node): Node | undefined {
  let n: Node | undefined = call;
  while (n?.type === 'CallExpression' && CHAIN.has(calleeName(n) ?? '')) {
    const callee = unwrap(n.callee);
    if (callee?.type !== 'MemberExpression') return undefined;
    n = unwrap(callee.object);
  }
  return n !== call && n?.type === 'Identifier' ? n : undefined;
}

/** The reference hands the promise to something that waits for it: awaited, returned, gathered. */
function waitedFor(ctx: ModuleContext, ref: Node): boolean {
  const parent = consumer(ctx, ref);
  if (parent === undefined) return false;
  if (parent.type === 'AwaitExpression' || parent.type === 'ReturnStatement') return true;
  if (parent.type === 'ArrayExpression') return true;
  if (parent.type === 'ArrowFunctionExpression') return parent.body === ref;
  return (
    parent.type === 'CallExpression' &&
    (parent.arguments as Node[]).some((a) => unwrap(a) === ref) &&
    GATHERS.has(calleeName(parent) ?? '')
  );
}

/**
 * The statement's chain forks off a local promise that is waited for elsewhere in its scope.
 *
 * @example
 * forksWaitedPromise(ctx, call) // const w = save(id); writes.push(w); w.then(log); -> true for `w.then(log)`
 */
export function forksWaitedPromise(ctx: ModuleContext, call: Node): boolean {
  const root = chainRoot(call);
  if (root === undefined || !sideOnly(ctx, call)) return false;
  const binding = ctx.resolve(root.name as string, root);
  if (binding === undefined || (binding.kind !== 'const' && binding.kind !== 'let')) return false;
  return someDescendant(
    binding.scope,
    (n) =>
      n.type === 'Identifier' &&
      n.name === root.name &&
      (n.start < call.start || n.end > call.end) &&
      ctx.resolve(root.name as string, n)?.declaration === binding.declaration &&
      waitedFor(ctx, n),
  );
}
