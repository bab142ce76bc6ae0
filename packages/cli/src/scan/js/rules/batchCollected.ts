// Where a batch API's answer goes when it is not awaited on its own: sent once per chunk and gathered by
// `Promise.all` (`await Promise.all(chunks.map((c) => ddb.send(new BatchWriteCommand(...))))`), or merged
// and handed back by a project helper (`const merged = results.reduce(...); return right(merged)`).
// rules/partialBatch.ts and rules/batchWrappers.ts judge the answer from what these find.
import { calleeName, memberPath, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

export interface Sent {
  readonly node: Node;
  readonly parent: Node | undefined;
}

const climbAwait = (ctx: ModuleContext, node: Node): Sent =>
  ctx.climb(node, (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression');

function isPromiseAll(node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type !== 'CallExpression') return false;
  const path = memberPath(n.callee);
  return path?.length === 2 && path[0] === 'Promise' && /^(all|allSettled)$/.test(path[1] ?? '');
}

/** The `Promise.all(name)` call in `scope` after `after`, climbed through `await`. */
function allOfName(ctx: ModuleContext, scope: Node, name: string, after: number): Sent | undefined {
  let found: Node | undefined;
  someDescendant(
    scope,
    (n) => {
      if (n.start < after || !isPromiseAll(n)) return false;
      const arg = unwrap(n.arguments[0]);
      if (arg?.type === 'Identifier' && arg.name === name) found = n;
      return found !== undefined;
    },
    true,
  );
  return found === undefined ? undefined : climbAwait(ctx, found);
}

/**
 * `const put = bus.putEvents(p).promise(); ...; await Promise.all([status, put])`: the unawaited promise is
 * held in a name whose one later mention is an element of an array literal handed to `Promise.all`. That
 * call, climbed through `await`; undefined when the name is used otherwise (its answer may be read).
 */
function heldForAll(ctx: ModuleContext, sent: Sent): Sent | undefined {
  const declarator = sent.parent;
  if (declarator?.type !== 'VariableDeclarator' || sent.node.type === 'AwaitExpression') return undefined;
  const id = declarator.id as Node;
  const scope = ctx.enclosingFunction(declarator)?.body as Node | undefined;
  if (id.type !== 'Identifier' || scope === undefined) return undefined;
  const mentions: Node[] = [];
  someDescendant(scope, (n) => {
    if (n.type === 'Identifier' && n.name === id.name && n !== id) mentions.push(n);
    return false;
  });
  const [only] = mentions;
  if (mentions.length !== 1 || only === undefined) return undefined;
  const array = ctx.parentOf(only);
  const all = array?.type === 'ArrayExpression' ? ctx.parentOf(array) : undefined;
  if (all === undefined || !isPromiseAll(all) || unwrap(all.arguments[0]) !== array) return undefined;
  return climbAwait(ctx, all);
}

/**
 * The batch answer is one element of a collection awaited together: the answer of a `.map`/`.flatMap`
 * callback (returned, or its expression body) whose array goes to `Promise.all` directly or through a
 * name, pushed onto an array later handed to `Promise.all`, or held unawaited in a name listed in the
 * array literal a `Promise.all` is given (heldForAll). Answers that `Promise.all` call, climbed through
 * `await`.
 *
 * @example
 * collectedBy(ctx, sent) // const reqs = chunks.map((c) => ddb.send(new BatchWriteCommand(...))); await Promise.all(reqs); -> the awaited all
 */
export function collectedBy(ctx: ModuleContext, sent: Sent): Sent | undefined {
  const held = heldForAll(ctx, sent);
  if (held !== undefined) return held;
  const fn = ctx.enclosingFunction(sent.node);
  let collection: Node | undefined;
  if (fn !== undefined && (sent.parent?.type === 'ReturnStatement' || fn.body === sent.node)) {
    const call = ctx.parentOf(fn);
    if (
      call?.type === 'CallExpression' &&
      call.arguments[0] === fn &&
      /^(map|flatMap)$/.test(calleeName(call) ?? '')
    )
      collection = call;
  } else if (
    sent.parent?.type === 'CallExpression' &&
    calleeName(sent.parent) === 'push' &&
    sent.parent.arguments[0] === sent.node
  ) {
    const array = unwrap(unwrap(sent.parent.callee)?.object);
    const scope = ctx.enclosingFunction(sent.parent)?.body as Node | undefined;
    if (array?.type !== 'Identifier' || scope === undefined) return undefined;
    return allOfName(ctx, scope, array.name as string, sent.parent.end);
  }
  if (collection === undefined) return undefined;
  const { node, parent } = climbAwait(ctx, collection);
  if (parent?.type === 'CallExpression' && isPromiseAll(parent) && parent.arguments[0] === node)
    return climbAwait(ctx, parent);
  const scope = ctx.enclosingFunction(collection)?.body as Node | undefined;
  if (parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier' && scope !== undefined)
    return allOfName(ctx, scope, parent.id.name as string, parent.end);
  return undefined;
}

/**
 * Every mention of the failure field in `fn` only carries it into a merged answer (`acc.Failed =
 * acc.Failed.concat(r.Failed)`, `[...a.Failed, ...b.Failed]`, `{ Failed: r.Failed }`): nobody tests,
 * counts, logs or throws on it. No mention at all counts too.
 */
export function carriedOnly(ctx: ModuleContext, fn: Node, field: string): boolean {
  const text = ctx.source.slice(fn.start, fn.end);
  const words = text.match(new RegExp(`\\b${field}\\b`, 'g'))?.length ?? 0;
  if (words === 0) return true;
  let carried = 0;
  const looked = someDescendant(fn.body as Node, (n) => {
    if (n.type === 'Property' && propertyName(n.key, n.computed as boolean) === field) {
      carried++;
      return false;
    }
    if (n.type !== 'MemberExpression' || n.computed || propertyName(n.property) !== field) return false;
    // `...(acc.Failed ?? [])`: a fallback for a missing list still only carries it.
    const { node: m, parent } = ctx.climb(
      n,
      (p) =>
        (p.type === 'LogicalExpression' && p.operator !== '&&') ||
        /^(Parenthesized|TSNonNull)Expression$/.test(p.type),
    );
    const ok =
      (parent?.type === 'AssignmentExpression' && parent.left === n) ||
      parent?.type === 'SpreadElement' ||
      (parent?.type === 'Property' && parent.value === m) ||
      (parent?.type === 'MemberExpression' &&
        parent.object === m &&
        propertyName(parent.property) === 'concat') ||
      (parent?.type === 'CallExpression' && calleeName(parent) === 'concat');
    if (ok) carried++;
    return !ok;
  });
  return !looked && carried === words;
}

/** A name a later declaration of `fn` derives from `name` (`const merged = results.reduce(...)`) reaches its return. */
function flowsToReturn(fn: Node, name: string, after: number): boolean {
  const names = new Set([name]);
  const named = (m: Node) => m.type === 'Identifier' && names.has(m.name as string);
  const mentions = (n: Node | null | undefined) => n != null && (named(n) || someDescendant(n, named));
  return someDescendant(
    fn.body as Node,
    (n) => {
      if (n.start < after) return false;
      if (n.type === 'VariableDeclarator' && n.id?.type === 'Identifier' && mentions(n.init))
        names.add(n.id.name as string);
      return n.type === 'ReturnStatement' && mentions(unwrap(n.argument));
    },
    true,
  );
}

/**
 * The function whose answer a batch send's answer becomes, unread: returned as is (`return await
 * client.send(cmd)`, or stored in a name whose only later use is `return name`), or gathered by
 * `Promise.all` and merged into what the function returns (wrapped or not: `return right(merged)`). The
 * failure field is at most carried along. Undefined when the answer stops short of a return.
 */
export function answerReturnedBy(ctx: ModuleContext, send: Node, field: string): Node | undefined {
  let sent = climbAwait(ctx, send);
  let fn = ctx.enclosingFunction(send);
  const all = collectedBy(ctx, sent);
  if (all !== undefined) {
    sent = all;
    fn = ctx.enclosingFunction(all.node);
  }
  if (fn === undefined || !carriedOnly(ctx, fn, field)) return undefined;
  const { parent } = sent;
  // An arrow's expression body is the answer itself (`(d) => eb.send(cmd)`): its parent is the arrow.
  if (parent?.type === 'ReturnStatement' || (sent.node === fn.body && fn.expression === true)) return fn;
  if (parent?.type !== 'VariableDeclarator' || parent.id?.type !== 'Identifier') return undefined;
  const name = parent.id.name as string;
  if (all !== undefined) return flowsToReturn(fn, name, parent.end) ? fn : undefined;
  const escaped = name.replace(/\$/g, '\\$');
  const after = ctx.source.slice(parent.end, fn.end);
  const uses = after.match(new RegExp(`(?<![\\w$.])${escaped}(?![\\w$])`, 'g'))?.length ?? 0;
  const returned = after.match(new RegExp(`\\breturn\\s+${escaped}\\s*;?\\s*(\\n|\\})`, 'g'))?.length ?? 0;
  return uses > 0 && uses === returned ? fn : undefined;
}

/**
 * The send sits in a try whose catch answers the whole call's failure itself (rethrows it wrapped, or
 * returns an error value such as `left('ERROR')`), inside `fn`: the helper owns its callers' error
 * contract, so a partial failure it hands back as success is its own to report.
 */
export function answersWholeFailure(ctx: ModuleContext, fn: Node, send: Node): boolean {
  for (let n: Node | undefined = send, p = ctx.parentOf(send); p !== undefined; n = p, p = ctx.parentOf(p)) {
    if (p === fn) return false;
    if (p.type !== 'TryStatement' || p.block !== n || p.handler == null) continue;
    const body = (p.handler as Node).body as Node;
    if (
      someDescendant(
        body,
        (s) =>
          s.type === 'ThrowStatement' ||
          (s.type === 'ReturnStatement' && unwrap(s.argument)?.type === 'CallExpression'),
        true,
      )
    )
      return true;
  }
  return false;
}
