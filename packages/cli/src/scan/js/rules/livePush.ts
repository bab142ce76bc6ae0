// swallowed-error: a push to WebSocket clients is a live screen update, not the work. API Gateway's
// `postToConnection` delivers a message to a browser that may already have gone (it answers 410 for a
// closed connection), after the write it reports is committed; a client that reconnects reads the state
// again. A catch that only logs around such a push (and the reads that find the connections and build the
// payload) loses nothing a retry could bring back: rethrowing would fail a request whose work is done, or
// make a queue redeliver it and repeat that work. A try that also writes is judged as usual, unless the
// write goes through an exported helper of the module that ends its own errors (judged at its catch), or
// only removes a connection a push was sent to (pushBookkeeping.ts).
import { calleeName, forEachDescendant, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isIoNode, isLogCall } from './catchFacts.js';
import { ioHandledInside } from './handledInside.js';
import { cacheRead, staleRemoval } from './pushBookkeeping.js';
import { selfHandledCall } from './selfHandledCalls.js';

const PUSH = /^(postToConnection|PostToConnectionCommand)$/;
/** A call named for a read: it gathers the connections or the payload (`listConnectionsByEvent`, `getAccount`). */
const READ = /^(get|list|query|find|scan|fetch|load|read|describe|lookup)(?![a-z])/;
const READ_COMMAND = /^(Get|BatchGet|Query|Scan|List|Describe)\w*Command$/;

/** `new PostToConnectionCommand(...)` handed to a send (directly or through a const), or a read command. */
function commandArgument(ctx: ModuleContext, call: Node, names: RegExp): boolean {
  const first = unwrap(ctx.valueOf((call.arguments as Node[])[0]));
  return first?.type === 'NewExpression' && names.test(calleeName(first) ?? '');
}

/**
 * The call pushes to a WebSocket connection: `apig.postToConnection(...)` (also with v2's `.promise()`), a
 * send of `PostToConnectionCommand`, or a function of this module whose body does (two levels).
 */
function pushes(ctx: ModuleContext, call: Node, depth = 0): boolean {
  const name = calleeName(call) ?? '';
  if (PUSH.test(name)) return true;
  const callee = unwrap(call.callee);
  const inner = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
  if (name === 'promise' && inner?.type === 'CallExpression') return pushes(ctx, inner, depth);
  if (name === 'send') return commandArgument(ctx, call, /^PostToConnectionCommand$/);
  const fn = depth < 2 ? ctx.functionOf(call.callee) : undefined;
  return (
    fn !== undefined &&
    someDescendant(fn.body as Node, (n) => n.type === 'CallExpression' && pushes(ctx, n, depth + 1))
  );
}

/**
 * The names of the connections the try's pushes are sent to (their first arguments): a removal of one of
 * them is the push's bookkeeping (pushBookkeeping.ts).
 */
function pushTargets(ctx: ModuleContext, block: Node): Set<string> {
  const targets = new Set<string>();
  forEachDescendant(block, (n) => {
    if (n.type !== 'CallExpression' || !pushes(ctx, n)) return true;
    const first = unwrap((n.arguments as Node[])[0]);
    if (first?.type === 'Identifier') targets.add(first.name as string);
    return false;
  });
  return targets;
}

/**
 * `Promise.all(subs.map((s) => push(s)))`, also over a const that holds the list: every call the list is
 * made of pushes, logs, or removes a connection a push went to, and at least one pushes.
 */
function pushesAll(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || unwrap(callee.object)?.name !== 'Promise') return false;
  const list = ctx.valueOf((call.arguments as Node[])[0]);
  if (list === undefined) return false;
  const targets = pushTargets(ctx, list);
  let pushed = 0;
  let other = false;
  forEachDescendant(list, (n) => {
    if (other) return false;
    if (n.type !== 'CallExpression') return true;
    const name = calleeName(n) ?? '';
    if (name === 'map' || name === 'forEach' || name === 'filter') return true;
    if (isLogCall(n)) return false;
    if (pushes(ctx, n)) pushed++;
    else if (!staleRemoval(ctx, n, targets)) other = true;
    return false;
  });
  return pushed > 0 && !other;
}

function reads(ctx: ModuleContext, call: Node): boolean {
  return (
    READ.test(calleeName(call) ?? '') ||
    (calleeName(call) === 'send' && commandArgument(ctx, call, READ_COMMAND)) ||
    cacheRead(call)
  );
}

/** A call of an exported function of this module that ends its own errors (selfHandledCalls.ts). */
function endsOwnErrors(ctx: ModuleContext, call: Node): boolean {
  return selfHandledCall(
    ctx,
    call,
    (n) => isIoNode(ctx, n),
    (body) => ioHandledInside(ctx, body),
  );
}

/**
 * Every awaited call of the try is a push to WebSocket clients, a read that gathers what to push, or a
 * call of the module's exported helper that ends its own errors, and at least one pushes. Whether the push
 * is the handler's whole work is asked by the caller (bestEffortCatch.ts sideChannelOnly).
 *
 * @example
 * livePushOnly(ctx, tryStatement) // try { const subs = await listConnections(id); await Promise.all(subs.map((s) => postToConnection(s.connectionId, data))) } -> true
 */
export function livePushOnly(ctx: ModuleContext, tryStatement: Node): boolean {
  if (!ctx.spells('ostToConnection')) return false;
  const targets = pushTargets(ctx, tryStatement.block as Node);
  let pushed = false;
  let other = false;
  forEachDescendant(
    tryStatement.block as Node,
    (n) => {
      if (other) return false;
      if (n.type !== 'AwaitExpression') return true;
      const call = unwrap(n.argument);
      if (call?.type !== 'CallExpression') return true;
      if (pushes(ctx, call) || pushesAll(ctx, call)) pushed = true;
      // A call of an exported helper that ends its own errors (`recordPriceHistory`) reaches no catch here.
      else if (!reads(ctx, call) && !staleRemoval(ctx, call, targets) && !endsOwnErrors(ctx, call))
        other = true;
      return false;
    },
    true,
  );
  return pushed && !other;
}
