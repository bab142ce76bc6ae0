// batch-no-partial-failure for handlers that do return batchItemFailures but name the wrong records in it:
// - the settled results of the records' work are dropped (`await Promise.allSettled(...)` as a statement, or
//   results read only for `fulfilled`), so a record whose work rejects is in no list and is deleted;
// - a failure is named by `Records[i]` where `i` counts another array (settled results of work pushed only
//   for some records, or of a filtered list), so it names another message: a failed record is deleted and
//   a good one is retried.
import { calleeName, isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const SETTLE = new Set(['all', 'allSettled']);

/** `event.Records`, or a name given it (`const records = event.Records`, a `records` parameter). */
export function isRecords(ctx: ModuleContext, node: Node | undefined, depth = 0): boolean {
  const n = unwrap(node);
  if (n === undefined || depth > 3) return false;
  if (n.type === 'MemberExpression')
    return propertyName(n.property as Node, n.computed as boolean) === 'Records';
  if (n.type !== 'Identifier') return false;
  const b = ctx.resolve(n.name as string, n);
  if (b?.kind === 'param') return /^records$/i.test(n.name as string);
  return b?.kind === 'const' && isRecords(ctx, b.init, depth + 1);
}

/** `Promise.allSettled(x)` / `Promise.all(x)`, through `await`. */
function settledArg(node: Node | undefined): Node | undefined {
  let n = unwrap(node);
  if (n?.type === 'AwaitExpression') n = unwrap(n.argument as Node);
  if (n?.type !== 'CallExpression') return undefined;
  const callee = unwrap(n.callee);
  if (callee?.type !== 'MemberExpression' || unwrap(callee.object)?.name !== 'Promise') return undefined;
  return SETTLE.has(calleeName(n) ?? '') ? (n.arguments as Node[])[0] : undefined;
}

/** `records.map(fn)` over the batch itself: one entry per record, in order. */
export const mapsRecords = (ctx: ModuleContext, n: Node | undefined): boolean => {
  const v = unwrap(n);
  const callee = unwrap(v?.callee);
  return (
    v?.type === 'CallExpression' &&
    callee?.type === 'MemberExpression' &&
    calleeName(v) === 'map' &&
    isRecords(ctx, callee.object as Node)
  );
};

/** Is `stmt` (a `.push` of the work) directly in a loop or callback over the records, under no `if`? */
function pushedForEveryRecord(ctx: ModuleContext, push: Node, stop: Node): boolean {
  for (let p = ctx.parentOf(push); p !== undefined && p !== stop; p = ctx.parentOf(p)) {
    if (p.type === 'IfStatement' || p.type === 'ConditionalExpression' || p.type === 'LogicalExpression')
      return false;
    if (p.type === 'ForOfStatement') return isRecords(ctx, p.right as Node);
    if (isFunction(p)) {
      const call = ctx.parentOf(p);
      const callee = unwrap(call?.callee);
      return (
        call?.type === 'CallExpression' &&
        callee?.type === 'MemberExpression' &&
        calleeName(call) === 'forEach' &&
        isRecords(ctx, callee.object as Node)
      );
    }
  }
  return false;
}

/**
 * A chain over the records with a `filter` in it (`records.filter(f).map(g)`, `records.map(g).filter(Boolean)`):
 * some records have no entry, so positions no longer match.
 */
function filteredRecords(ctx: ModuleContext, node: Node | undefined): boolean {
  let filtered = false;
  let n = unwrap(node);
  while (n?.type === 'CallExpression') {
    const callee = unwrap(n.callee);
    if (callee?.type !== 'MemberExpression') return false;
    if (calleeName(n) === 'filter') filtered = true;
    else if (calleeName(n) !== 'map') return false;
    n = unwrap(callee.object as Node);
  }
  return filtered && isRecords(ctx, n);
}

/** Does the array `results` (settled work) hold one entry per record, in the records' order? */
function onePerRecord(ctx: ModuleContext, results: Node, fn: Node): boolean | undefined {
  const r = unwrap(results);
  if (r?.type !== 'Identifier') return undefined;
  const b = ctx.resolve(r.name as string, r);
  const work = settledArg(b?.init);
  if (work === undefined) return undefined;
  if (mapsRecords(ctx, work)) return true;
  const w = unwrap(work);
  if (filteredRecords(ctx, w)) return false;
  if (w?.type !== 'Identifier') return undefined;
  const wb = ctx.resolve(w.name as string, w);
  if (wb?.init === undefined) return undefined;
  if (mapsRecords(ctx, wb.init)) return true;
  if (filteredRecords(ctx, wb.init)) return false;
  if (unwrap(wb.init)?.type !== 'ArrayExpression') return undefined;
  const pushes: Node[] = [];
  someDescendant(fn.body as Node, (n) => {
    const callee = unwrap(n.callee);
    if (n.type === 'CallExpression' && calleeName(n) === 'push' && unwrap(callee?.object)?.name === w.name)
      pushes.push(n);
    return false;
  });
  if (pushes.length === 0) return undefined;
  return pushes.every((p) => pushedForEveryRecord(ctx, p, fn));
}

/** `for (let i = 0; i < results.length; i++)`: the array whose positions `i` walks. */
function loopedArray(ctx: ModuleContext, declaration: Node): Node | undefined {
  const declarations = ctx.parentOf(declaration);
  const loop = declarations === undefined ? undefined : ctx.parentOf(declarations);
  if (loop?.type !== 'ForStatement' || loop.init !== declarations) return undefined;
  const test = unwrap(loop.test as Node);
  const bound = test?.type === 'BinaryExpression' ? unwrap(test.right as Node) : undefined;
  if (bound?.type !== 'MemberExpression' || propertyName(bound.property as Node) !== 'length')
    return undefined;
  return bound.object as Node;
}

/**
 * `for (const { index } of failed)` where `failed` is `results.map((result, index) => ({ result, index }))`
 * (filtered or not): the array whose positions the carried index counts.
 */
function pairedIndexes(ctx: ModuleContext, declaration: Node): Node | undefined {
  let n: Node | undefined = declaration;
  for (let i = 0; i < 4 && n !== undefined && n.type !== 'ForOfStatement'; i++) n = ctx.parentOf(n);
  if (n?.type !== 'ForOfStatement') return undefined;
  let source = unwrap(n.right as Node);
  if (source?.type === 'Identifier') source = unwrap(ctx.resolve(source.name as string, source)?.init);
  while (source?.type === 'CallExpression' && calleeName(source) === 'filter')
    source = unwrap(unwrap(source.callee)?.object as Node);
  const callee = unwrap(source?.callee);
  if (
    source?.type !== 'CallExpression' ||
    calleeName(source) !== 'map' ||
    callee?.type !== 'MemberExpression'
  )
    return undefined;
  const mapper = unwrap((source.arguments as Node[])[0]);
  return mapper !== undefined && isFunction(mapper) && (mapper.params as Node[]).length >= 2
    ? (callee.object as Node)
    : undefined;
}

/** `Records[i]` where `i` is the index of a walk over another array that is not one entry per record. */
function misindexed(ctx: ModuleContext, fn: Node): Node | undefined {
  let found: Node | undefined;
  someDescendant(fn.body as Node, (n) => {
    if (found !== undefined) return true;
    if (n.type !== 'MemberExpression' || !n.computed || !isRecords(ctx, n.object as Node)) return false;
    const index = unwrap(n.property as Node);
    if (index?.type !== 'Identifier') return false;
    const b = ctx.resolve(index.name as string, index);
    const counted =
      b === undefined ? undefined : (loopedArray(ctx, b.declaration) ?? pairedIndexes(ctx, b.declaration));
    if (counted !== undefined) {
      if (onePerRecord(ctx, counted, fn) === false) found = n;
      return found !== undefined;
    }
    if (b?.kind !== 'param') return false;
    const callback = ctx.parentOf(b.declaration);
    const call = callback === undefined ? undefined : ctx.parentOf(callback);
    const callee = unwrap(call?.callee);
    if (call?.type !== 'CallExpression' || callee?.type !== 'MemberExpression') return false;
    const method = calleeName(call) ?? '';
    const at = method === 'reduce' ? 2 : 1;
    if (!['forEach', 'map', 'filter', 'flatMap', 'reduce'].includes(method)) return false;
    if ((callback?.params as Node[] | undefined)?.[at] !== b.declaration) return false;
    if (onePerRecord(ctx, callee.object as Node, fn) === false) found = n;
    return found !== undefined;
  });
  return found;
}

/** A callback or local function whose whole body is one try whose catch never rethrows: it cannot reject. */
export function neverRejects(ctx: ModuleContext, callback: Node | undefined): boolean {
  let fn = unwrap(callback);
  if (fn?.type === 'Identifier') fn = ctx.functionOf(fn);
  if (fn === undefined || !isFunction(fn)) return false;
  const body = unwrap(fn.body as Node);
  if (body?.type === 'CallExpression') {
    // `(r) => processOne(r)` with `processOne` a local function, or `(r) => work(r).catch(...)`.
    if (calleeName(body) === 'catch') return true;
    const callee = unwrap(body.callee);
    return callee?.type === 'Identifier' && ctx.functionOf(callee) !== fn && neverRejects(ctx, callee);
  }
  const statements = body?.type === 'BlockStatement' ? (body.body as Node[]) : [];
  const tries = statements.filter((s) => s.type === 'TryStatement');
  if (tries.length !== 1) return false;
  const handler = tries[0]?.handler as Node | null;
  return handler != null && !someDescendant(handler.body as Node, (m) => m.type === 'ThrowStatement', true);
}

/** A branch that leaves the callback or the iteration: `return`, `continue`, or a block ending so. */
function skips(branch: Node): boolean {
  const last = branch.type === 'BlockStatement' ? (branch.body as Node[]).at(-1) : branch;
  return last?.type === 'ReturnStatement' || last?.type === 'ContinueStatement';
}

/**
 * Every status test after `from` is `status === 'fulfilled' && ...` in an `if` with no `else` (or a
 * filter's condition): only fulfilled results are ever looked at, so a rejected one is never named.
 */
function onlyFulfilledKept(ctx: ModuleContext, from: number, fn: Node): boolean {
  let tests = 0;
  const other = someDescendant(fn.body as Node, (n) => {
    if (n.start < from || n.type !== 'BinaryExpression') return false;
    const sides = [unwrap(n.left as Node), unwrap(n.right as Node)];
    if (!sides.some((x) => x?.type === 'Literal' && x.value === 'fulfilled')) return false;
    tests++;
    if (n.operator !== '===' && n.operator !== '==') return true;
    const and = ctx.parentOf(n);
    if (and?.type !== 'LogicalExpression' || and.operator !== '&&' || and.left !== n) return true;
    const holder = ctx.parentOf(and);
    // `if (fulfilled && ok) return;` skips the good ones and names every other result below.
    if (holder?.type === 'IfStatement')
      return holder.test !== and || holder.alternate != null || skips(holder.consequent as Node);
    return !(isFunction(holder) && holder?.body === and);
  });
  return tests > 0 && !other;
}

/** The settled work of the records whose rejections reach no batchItemFailures entry. */
function droppedRejections(ctx: ModuleContext, fn: Node): Node | undefined {
  for (const call of ctx.of('CallExpression')) {
    if (call.start < fn.start || call.end > fn.end || calleeName(call) !== 'allSettled') continue;
    const work = unwrap((call.arguments as Node[])[0]);
    if (!mapsRecords(ctx, work) || neverRejects(ctx, ((work?.arguments ?? []) as Node[])[0])) continue;
    const { parent } = ctx.climb(
      call,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    if (parent?.type === 'ExpressionStatement') return call;
    if (parent?.type !== 'VariableDeclarator' || unwrap(parent.id)?.type !== 'Identifier') continue;
    const name = unwrap(parent.id)?.name as string;
    const after = ctx.source.slice(parent.end, fn.end);
    const read = new RegExp(`\\b${name}\\b`).test(after);
    if (!read || !/rejected|\.reason\b|[!=]==?\s*['"`]fulfilled|['"`]fulfilled['"`]\s*[!=]==?/.test(after))
      return call;
    if (!/rejected|\.reason\b/.test(after) && onlyFulfilledKept(ctx, parent.end, fn)) return call;
  }
  return undefined;
}

/** The place a handler that returns batchItemFailures names the wrong records, and why. */
export function wrongFailures(ctx: ModuleContext, fn: Node): { node: Node; message: string } | undefined {
  const index = misindexed(ctx, fn);
  if (index !== undefined)
    return {
      node: index,
      message:
        'batchItemFailures names Records[i] by the index of another array (work started only for some records): it names another message, so a failed record is deleted and a good one retried',
    };
  const settled = droppedRejections(ctx, fn);
  if (settled !== undefined)
    return {
      node: settled,
      message:
        "Promise.allSettled's rejections reach no batchItemFailures entry: a record whose work throws outside its own catch is deleted as if processed",
    };
  return undefined;
}
