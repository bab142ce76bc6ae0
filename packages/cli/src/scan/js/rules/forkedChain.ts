// floating-promise: a `.then`/`.catch` chain hung as a statement on a promise kept in a local that the
// function also waits for (`const write = save(r); writes.push(write); write.then(log);` then `await
// Promise.all(writes)`, or `await write` later). The work itself is awaited where the local goes; the
// statement only forks a side chain off it (a log of the answer), so nothing the handler started floats.
// A fork whose callbacks start work of their own, or whose chain leaves a rejection unhandled, is still
// judged as floating; so is one off a promise only waited for on some paths or by a race.
import { calleeName, isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { logs } from './droppedPromise.js';
import { consumer } from './promiseFieldRead.js';
import { onlyLogs } from './settledAsync.js';

const CHAIN = new Set(['then', 'catch', 'finally']);

/** Calls that wait for every promise handed to them (race/any leave the losers running unobserved). */
const WAITS_ALL = new Set(['all', 'allSettled']);

/** A callback that starts no work: a plain (not async) function whose every statement only logs. */
function logsOnly(ctx: ModuleContext, arg: Node): boolean {
  const cb = ctx.valueOf(arg);
  if (cb === undefined || !isFunction(cb) || cb.async === true) return false;
  const body = cb.body as Node;
  const logCall = (e: Node | undefined) =>
    unwrap(e)?.type === 'CallExpression' && (logs(unwrap(e) as Node) || onlyLogs(e as Node));
  if (body.type !== 'BlockStatement') return logCall(body);
  return (body.body as Node[]).every(
    (s) => s.type === 'ExpressionStatement' && logCall(s.expression as Node),
  );
}

/**
 * The fork handles its own failure and starts no work: the chain ends in `.catch(fn)` or `.then(a, b)`
 * (`w.then(log)` alone rejects, unhandled, when `w` fails: Node's default ends the process), and every
 * callback in it only logs (`audit.log(x)` is not a log call: it may write).
 */
function sideOnly(ctx: ModuleContext, call: Node): boolean {
  const last = calleeName(call);
  const args = call.arguments as Node[];
  if (!((last === 'catch' && args.length === 1) || (last === 'then' && args.length === 2))) return false;
  for (let n: Node | undefined = call; n?.type === 'CallExpression'; n = unwrap(unwrap(n.callee)?.object))
    if (!(n.arguments as Node[]).every((arg) => logsOnly(ctx, arg))) return false;
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

/** The reference is only reached on some paths: under an `if`, a `? :`, an `&&`/`||`/`??`. */
function conditional(ctx: ModuleContext, ref: Node, scope: Node): boolean {
  for (let n = ctx.parentOf(ref); n !== undefined && n !== scope; n = ctx.parentOf(n)) {
    if (isFunction(n)) return true;
    if (n.type === 'IfStatement' || n.type === 'ConditionalExpression' || n.type === 'LogicalExpression')
      return true;
  }
  return false;
}

/** The value (a promise, or an array of them) is awaited, returned, or handed to Promise.all/allSettled. */
function waited(ctx: ModuleContext, ref: Node, scope: Node, depth = 0): boolean {
  if (depth > 2 || conditional(ctx, ref, scope)) return false;
  const parent = consumer(ctx, ref);
  if (parent === undefined) return false;
  if (parent.type === 'AwaitExpression' || parent.type === 'ReturnStatement') return true;
  if (parent.type === 'ArrowFunctionExpression') return parent.body === ref;
  // `[w, x]`: followed to where the array goes (`await Promise.all([w, x])`, `const all = [w, x]`).
  if (parent.type === 'ArrayExpression') {
    const holder = consumer(ctx, parent);
    if (holder?.type === 'VariableDeclarator' && holder.init === parent)
      return arrayWaited(ctx, holder, scope, depth);
    return waited(ctx, parent, scope, depth + 1);
  }
  if (parent.type !== 'CallExpression' || !(parent.arguments as Node[]).some((a) => unwrap(a) === ref))
    return false;
  const name = calleeName(parent) ?? '';
  if (WAITS_ALL.has(name))
    return memberPath(parent.callee)?.[0] === 'Promise' && waited(ctx, parent, scope, depth + 1);
  // `writes.push(w)`: followed to where the array goes.
  if (name !== 'push' && name !== 'unshift') return false;
  const array = unwrap(unwrap(parent.callee)?.object);
  if (array?.type !== 'Identifier') return false;
  const binding = ctx.resolve(array.name as string, array);
  return binding !== undefined && arrayWaited(ctx, binding.declaration, scope, depth);
}

/** Some unconditional reference to the array declared at `declaration` waits for its promises. */
function arrayWaited(ctx: ModuleContext, declaration: Node, scope: Node, depth: number): boolean {
  const id = unwrap(declaration.id as Node | undefined);
  if (declaration.type !== 'VariableDeclarator' || id?.type !== 'Identifier') return false;
  return someDescendant(
    scope,
    (n) =>
      n.type === 'Identifier' &&
      n !== id &&
      n.name === id.name &&
      ctx.resolve(id.name as string, n)?.declaration === declaration &&
      waited(ctx, n, scope, depth + 1),
  );
}

/**
 * The statement's chain forks off a local promise that is waited for elsewhere in its scope.
 *
 * @example
 * forksWaitedPromise(ctx, call) // const w = save(id); w.catch((e) => console.error(e)); await w; -> true
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
      waited(ctx, n, binding.scope),
  );
}
