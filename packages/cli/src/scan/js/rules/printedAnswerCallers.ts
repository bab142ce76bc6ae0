// swallowed-error: an answer that holds its own failure (a synchronous Lambda `Invoke`'s `FunctionError`,
// a batch API's failed entries) returned by a module-local helper whose callers only print it. A caller
// that keeps the answer to log it (`const result = await sendEvent(e); log.info({ payload: result })`),
// logs it in a `.then` of the kept promise (`p.then((r) => log.info(r))`), or gathers it with others only
// for a `Promise.all` nobody reads, never looks at the failure: the invocation succeeds either way.
// partialBatch.ts asks this after batchOwners.ts callersDiscard, which covers callers that drop it.
import { calleeName, memberPath, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import { isExported } from '../isExported.js';
import { isKeyName } from '../keyNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import { discardedByCallers } from './batchOwners.js';
import { exportNamesOf } from './lambda.js';
import { isLevelledLog } from './levelledLog.js';

/** The statement holding `node`, when it is a log line (a project's logging module counts by its name). */
function inLogLine(ctx: ModuleContext, node: Node): boolean {
  let at: Node | undefined = node;
  let expression: Node | undefined;
  while (at !== undefined && !/Function|Declaration/.test(at.type)) {
    const parent = ctx.parentOf(at);
    // `(out) => log.info(out)`: an arrow's expression body is its one statement.
    if (
      at.type === 'ExpressionStatement' ||
      (parent?.type === 'ArrowFunctionExpression' && parent.body === at)
    ) {
      expression = at.type === 'ExpressionStatement' ? (at.expression as Node) : at;
      break;
    }
    at = parent;
  }
  return expression !== undefined && isLevelledLog(expression);
}

/** Where an unread answer may go: nowhere, or the answer of entry handlers (by export name). */
type Unread = { readonly entries: readonly string[] };

const NOTHING: Unread = { entries: [] };

function merge(all: readonly Unread[]): Unread {
  return { entries: [...new Set(all.flatMap((u) => u.entries))] };
}

/** The function's answer is read by no one: awaited as a statement by every caller, or an entry's. */
function answerUnread(ctx: ModuleContext, fn: Node | undefined, depth: number): Unread | undefined {
  if (fn === undefined) return undefined;
  if (ctx.handlers.get(fn) === 'entry') {
    const names = exportNamesOf(ctx, fn);
    return names.length > 0 ? { entries: names } : undefined;
  }
  if (depth > 1) return undefined;
  return discardedByCallers(ctx, fn) ? NOTHING : undefined;
}

/** A `.then` callback on the kept promise that reads its answer only in log lines (or not at all). */
function loggingThen(ctx: ModuleContext, reference: Node): boolean {
  const member = ctx.parentOf(reference);
  if (member?.type !== 'MemberExpression' || member.object !== reference) return false;
  if (propertyName(member.property, member.computed as boolean) !== 'then') return false;
  const call = ctx.parentOf(member);
  const callback = call?.type === 'CallExpression' ? unwrap(call.arguments[0]) : undefined;
  if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression') return false;
  const answer = (callback.params as Node[])[0];
  if (answer === undefined) return true;
  if (answer.type !== 'Identifier') return false;
  return !someDescendant(
    callback.body as Node,
    (n) => n.type === 'Identifier' && n.name === answer.name && !inLogLine(ctx, n),
  );
}

/** `Promise.all(name)` / `Promise.allSettled([a, name])`, the call around `reference`. */
function promiseAllOf(ctx: ModuleContext, reference: Node): Node | undefined {
  const list = ctx.parentOf(reference);
  const argument = list?.type === 'ArrayExpression' ? list : reference;
  const call = ctx.parentOf(argument);
  if (call?.type !== 'CallExpression' || call.arguments[0] !== argument) return undefined;
  const path = memberPath(call.callee);
  return path?.[0] === 'Promise' && /^all(Settled)?$/.test(path[1] ?? '') ? call : undefined;
}

/** An expression whose value goes back as its function's answer, or to a statement that drops it. */
function settledUnread(ctx: ModuleContext, node: Node, depth: number): Unread | undefined {
  const { node: top, parent } = ctx.climb(
    node,
    (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
  );
  if (parent?.type === 'ExpressionStatement' && top.type === 'AwaitExpression') return NOTHING;
  const fn = ctx.enclosingFunction(node);
  if (parent?.type === 'ReturnStatement' || (fn !== undefined && fn.body === top))
    return answerUnread(ctx, fn, depth);
  return undefined;
}

/**
 * Every later use of `name` (declared at `declarator`) in its function only prints the answer, or hands
 * the promise to a logging `.then`, or pushes it onto an array whose own uses do the same or gather it in
 * a `Promise.all` whose answer nobody reads.
 */
function usesOnlyPrint(
  ctx: ModuleContext,
  declarator: Node,
  kept: boolean,
  depth: number,
): Unread | undefined {
  const id = declarator.id as Node;
  const fn = ctx.enclosingFunction(declarator);
  if (id?.type !== 'Identifier' || fn === undefined || depth > 2) return undefined;
  const found: Unread[] = [];
  let references = 0;
  const failing = someDescendant(fn.body as Node, (n) => {
    if (n.type !== 'Identifier' || n.name !== id.name || n.start < declarator.end) return false;
    references++;
    if (inLogLine(ctx, n)) return false;
    if (kept && loggingThen(ctx, n)) return false;
    const all = kept ? promiseAllOf(ctx, n) : undefined;
    if (all !== undefined) {
      const unread = settledUnread(ctx, all, depth);
      if (unread !== undefined) found.push(unread);
      return unread === undefined;
    }
    // `results.push(answer)`: judged by what becomes of the array.
    const call = ctx.parentOf(n);
    const array = call?.type === 'CallExpression' ? unwrap(unwrap(call.callee)?.object) : undefined;
    if (call?.type !== 'CallExpression' || calleeName(call) !== 'push' || call.arguments[0] !== n)
      return true;
    if (array?.type !== 'Identifier') return true;
    const holder = declaratorOf(ctx, n, array.name as string);
    const unread = holder === undefined ? undefined : arrayUnread(ctx, holder, kept, depth + 1);
    if (unread !== undefined) found.push(unread);
    return unread === undefined;
  });
  return references > 0 && !failing ? merge(found) : undefined;
}

/** The `const name = ...` in scope at `from`: its own function's first, then each enclosing one's. */
function declaratorOf(ctx: ModuleContext, from: Node, name: string): Node | undefined {
  for (let fn = ctx.enclosingFunction(from); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    let found: Node | undefined;
    someDescendant(
      fn.body as Node,
      (n) => {
        if (n.type === 'VariableDeclarator' && n.id?.type === 'Identifier' && n.id.name === name) found = n;
        return found !== undefined;
      },
      true,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The array's uses: printed, returned by an entry or a function nobody reads, or gathered unread. */
function arrayUnread(ctx: ModuleContext, declarator: Node, kept: boolean, depth: number): Unread | undefined {
  const id = declarator.id as Node;
  const fn = ctx.enclosingFunction(declarator);
  if (id?.type !== 'Identifier' || fn === undefined) return undefined;
  const found: Unread[] = [];
  const failing = someDescendant(fn.body as Node, (n) => {
    if (n.type !== 'Identifier' || n.name !== id.name || n.start < declarator.end) return false;
    if (inLogLine(ctx, n)) return false;
    const parent = ctx.parentOf(n);
    if (
      parent?.type === 'MemberExpression' &&
      parent.object === n &&
      calleeName(ctx.parentOf(parent) ?? n) === 'push'
    )
      return false;
    const all = kept ? promiseAllOf(ctx, n) : undefined;
    const unread = settledUnread(ctx, all ?? n, depth);
    if (unread !== undefined) found.push(unread);
    return unread === undefined;
  });
  return failing ? undefined : merge(found);
}

/**
 * Every reference to the helper's name is a direct call of it: no `module.exports = { capture }`, no
 * `ids.map(capture)`, no alias. A caller reached another way is one this module cannot see read it.
 */
function onlyCalledDirectly(ctx: ModuleContext, fn: Node): boolean {
  const parent = ctx.parentOf(fn);
  const id =
    (fn.id as Node | null) ?? (parent?.type === 'VariableDeclarator' ? (parent.id as Node) : undefined);
  if (id?.type !== 'Identifier') return false;
  return !someDescendant(ctx.program, (n) => {
    if (n.type !== 'Identifier' || n.name !== id.name || n === id || n.start === id.start) return false;
    const up = ctx.parentOf(n);
    if (isKeyName(ctx, n)) return false;
    if (ctx.functionOf(n) !== fn) return false;
    return !(up?.type === 'CallExpression' && up.callee === n);
  });
}

/**
 * The helper returning the answer at `at` is module-local, and every call of it keeps the answer only to
 * print it (see the module comment). The entry handlers whose own answer carries it on unread, when
 * some do: the finding then holds only where their invoker reads no answer.
 *
 * @example
 * // const send = async (e) => lambda.invoke({ FunctionName, Payload }).promise();
 * // exports.handler = async (e) => { const result = await send(e); log.info({ result }); };
 * callersOnlyPrint(ctx, sent) // -> { entries: [] }
 */
export function callersOnlyPrint(ctx: ModuleContext, at: Node): Unread | undefined {
  const fn = ctx.enclosingFunction(at);
  if (fn === undefined || isExported(ctx, fn) || !onlyCalledDirectly(ctx, fn)) return undefined;
  const found: Unread[] = [];
  let calls = 0;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier' || ctx.functionOf(callee) !== fn) continue;
    calls++;
    const { node, parent } = ctx.climb(
      call,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    if (parent?.type === 'ExpressionStatement') continue;
    if (parent?.type !== 'VariableDeclarator' || parent.init !== node) return undefined;
    const unread = usesOnlyPrint(ctx, parent, node.type !== 'AwaitExpression', 0);
    if (unread === undefined) return undefined;
    found.push(unread);
  }
  return calls > 0 ? merge(found) : undefined;
}
