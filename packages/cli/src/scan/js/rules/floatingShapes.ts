// Promises left floating that the called name alone does not show: a combinator or an async `map` whose
// promises nobody awaits, an async method of the same class called as a statement, and an event handed to
// an async listener (`emit` calls the listener and returns at once: the listener's promise floats).
import {
  calleeName,
  isFunction,
  memberPath,
  type Node,
  propertyName,
  returnsPromise,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { settledEach, settledOnReturn } from './settledAsync.js';

const COMBINATORS = /^(all|allSettled|race|any)$/;
const SUBSCRIBE = /^(on|once|addListener|prependListener|prependOnceListener)$/;

/**
 * `Promise.all(sends)` or `records.map(async (r) => ...)` as a statement: every promise it starts floats.
 *
 * @example
 * unawaitedGroup(ctx, call) // Promise.allSettled(ids.map(send)); -> 'combinator'
 */
export function unawaitedGroup(ctx: ModuleContext, call: Node): 'combinator' | 'map' | undefined {
  const path = memberPath(call.callee);
  if (path?.length === 2 && path[0] === 'Promise' && COMBINATORS.test(path[1] ?? '')) return 'combinator';
  if (calleeName(call) !== 'map' || unwrap(call.callee)?.type !== 'MemberExpression') return undefined;
  const callback = ctx.valueOf((call.arguments as Node[])[0]);
  // A callback that only gathers its calls' promises (`(o) => { writes.push(remove(o)) }`, awaited later
  // through the array) or logs has run to its end per item, as for forEach (settledAsync.ts).
  return callback !== undefined && isFunction(callback) && returnsPromise(callback) && !settledEach(callback)
    ? 'map'
    : undefined;
}

/**
 * `files.map((file) => send(file))` as a statement, the callback's answer a call to an imported function
 * (a relative import, a workspace package or a layer module): the import the project pass asks about,
 * since the promises it starts float when that function is async.
 *
 * @example
 * importedMapCall(ctx, call) // files.map((f) => sendCommand(f)); -> { source: './bridge', name: 'sendCommand' }
 */
export function importedMapCall(
  ctx: ModuleContext,
  call: Node,
): { source: string; name: string } | undefined {
  if (calleeName(call) !== 'map' || unwrap(call.callee)?.type !== 'MemberExpression') return undefined;
  const callback = ctx.valueOf((call.arguments as Node[])[0]);
  if (callback === undefined || !isFunction(callback) || callback.async === true) return undefined;
  const body = unwrap(callback.body as Node);
  const answered = body?.type === 'BlockStatement' ? onlyReturned(body) : body;
  const callee = answered?.type === 'CallExpression' ? unwrap(answered.callee) : undefined;
  if (callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  if (imp === undefined || imp.source.startsWith('node:') || imp.imported === '*') return undefined;
  return { source: imp.source, name: imp.imported };
}

/** The expression a block answers when its only statement is `return <expression>`. */
function onlyReturned(block: Node): Node | undefined {
  const [only, ...rest] = block.body as Node[];
  return rest.length === 0 && only?.type === 'ReturnStatement' ? unwrap(only.argument) : undefined;
}

/** The class declaration or expression a node sits in. */
function enclosingClass(ctx: ModuleContext, node: Node): Node | undefined {
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n))
    if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') return n;
  return undefined;
}

/** The method of a class with that name (`async publish() {}` or `publish = async () => {}`). */
function methodOf(cls: Node, name: string): Node | undefined {
  for (const member of (cls.body as Node).body as Node[]) {
    if (member.type !== 'MethodDefinition' && member.type !== 'PropertyDefinition') continue;
    if (member.static === true || propertyName(member.key, member.computed as boolean) !== name) continue;
    const value = unwrap(member.value as Node | null);
    if (value !== undefined && isFunction(value)) return value;
  }
  return undefined;
}

/**
 * `this.publish(x);` where `publish` is an async method of the same class whose promise is still pending
 * when the call returns.
 *
 * @example
 * ownAsyncMethod(ctx, call) // class Worker { async publish() {} run() { this.publish(); } } -> true
 */
export function ownAsyncMethod(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || unwrap(callee.object)?.type !== 'ThisExpression') return false;
  const name = propertyName(callee.property, callee.computed as boolean);
  const cls = enclosingClass(ctx, call);
  const method = name === undefined || cls === undefined ? undefined : methodOf(cls, name);
  // An async method that awaits nothing has run to its end when the call returns (settledAsync.ts), as
  // for a module function called by name.
  return method !== undefined && returnsPromise(method) && !settledOnReturn(method);
}

/**
 * A listener that answers a promise: an async function (inline or by name), `this.onEvent.bind(this)` or
 * `this.onEvent` of an async method, or `(e) => this.onEvent(e)`.
 */
function asyncListener(ctx: ModuleContext, cls: Node | undefined, listener: Node | undefined): boolean {
  let l = unwrap(listener);
  if (l?.type === 'CallExpression' && calleeName(l) === 'bind') l = unwrap(unwrap(l.callee)?.object);
  if (l?.type === 'Identifier') l = ctx.functionOf(l) ?? l;
  if (l !== undefined && isFunction(l)) {
    if (returnsPromise(l)) return true;
    const body = unwrap(l.body as Node);
    return body?.type === 'CallExpression' && cls !== undefined && ownAsyncMethod(ctx, body);
  }
  if (l?.type !== 'MemberExpression' || unwrap(l.object)?.type !== 'ThisExpression' || cls === undefined)
    return false;
  const method = methodOf(cls, propertyName(l.property, l.computed as boolean) ?? '');
  return method !== undefined && returnsPromise(method);
}

/** The event a call names first (`emit('event', ...)`, `on('event', ...)`). */
function eventName(call: Node): string | undefined {
  const first = unwrap((call.arguments as Node[])[0]);
  return first?.type === 'Literal' && typeof first.value === 'string' ? first.value : undefined;
}

/**
 * The events a class subscribes itself to with an async listener (`this.on('event', this.onEvent.bind(this))`
 * in its constructor), as `emit:<event>` names: an importer's `handler.emit('event', e)` then floats the
 * listener's promise, and the project pass answers it as it answers an async method.
 *
 * @example
 * asyncEventsOf(ctx, cls) // ['emit:event']
 */
export function asyncEventsOf(ctx: ModuleContext, cls: Node): string[] {
  const names: string[] = [];
  for (const call of ctx.of('CallExpression')) {
    if (call.start < cls.start || call.end > cls.end || !SUBSCRIBE.test(calleeName(call) ?? '')) continue;
    const callee = unwrap(call.callee);
    if (unwrap(callee?.object)?.type !== 'ThisExpression') continue;
    const event = eventName(call);
    if (event !== undefined && asyncListener(ctx, cls, (call.arguments as Node[])[1]))
      names.push(`emit:${event}`);
  }
  return names;
}

/**
 * `emitter.emit('event', x);` whose listener for that event is async: in this class (`this.emit`), on a
 * local emitter subscribed in this module (`bus.on('event', async (x) => ...)`), or on an instance of a
 * local class that subscribes itself. An instance of an imported class is left to `importedInstanceMethod`
 * with the method `emit:<event>`.
 */
export function emitsToAsyncListener(ctx: ModuleContext, call: Node): boolean {
  if (calleeName(call) !== 'emit') return false;
  const event = eventName(call);
  const target = unwrap(unwrap(call.callee)?.object);
  if (event === undefined || target === undefined) return false;
  if (target.type === 'ThisExpression') {
    const cls = enclosingClass(ctx, call);
    return cls !== undefined && asyncEventsOf(ctx, cls).includes(`emit:${event}`);
  }
  if (target.type !== 'Identifier') return false;
  const made = ctx.valueOf(target);
  const ctor = made?.type === 'NewExpression' ? unwrap(made.callee as Node) : undefined;
  const binding = ctor?.type === 'Identifier' ? ctx.resolve(ctor.name as string, ctor) : undefined;
  const cls = binding?.kind === 'class' ? binding.declaration : undefined;
  if (cls !== undefined && asyncEventsOf(ctx, cls).includes(`emit:${event}`)) return true;
  // A subscription on the same name in this module.
  return ctx.of('CallExpression').some((sub) => {
    if (!SUBSCRIBE.test(calleeName(sub) ?? '') || eventName(sub) !== event) return false;
    const object = unwrap(unwrap(sub.callee)?.object);
    return (
      object?.type === 'Identifier' &&
      object.name === target.name &&
      asyncListener(ctx, undefined, (sub.arguments as Node[])[1])
    );
  });
}
