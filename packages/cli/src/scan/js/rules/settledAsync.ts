// floating-promise: an async function whose promise is settled when the call returns. An async function's
// body runs synchronously up to its first `await` (ECMAScript: AsyncFunctionStart runs the body in the
// caller's turn), so a body that awaits nothing, throws nothing and returns no pending value has finished,
// fulfilled, when the call returns: dropping its promise loses no work and hides no failure. What the body itself starts and drops is judged at its own
// statement. The first such shape seen was a body that only logs (`async (e) => { console.log(e) }`).
import { forEachDescendant, isFunction, memberPath, type Node, propertyName, unwrap } from '../ast.js';
import { settledValue } from '../settledValue.js';

/** No call, `new` or `await` among the nodes. */
function startsNothing(nodes: Node[]): boolean {
  let works = false;
  for (const arg of nodes)
    forEachDescendant({ type: 'Wrap', arg } as unknown as Node, (n) => {
      if (n.type === 'CallExpression' || n.type === 'NewExpression' || n.type === 'AwaitExpression')
        works = true;
      return !works;
    });
  return !works;
}

/** `console.log(...)` (any console method) with arguments that start nothing themselves. */
export function onlyLogs(expr: Node | undefined): boolean {
  const e = unwrap(expr);
  if (e?.type !== 'CallExpression' || memberPath(e.callee)?.[0] !== 'console') return false;
  return startsNothing(e.arguments as Node[]);
}

/**
 * The function is async and its body does nothing but log to the console: its promise settles, fulfilled,
 * before the call returns.
 *
 * @example
 * settledOnReturn(fn) // const authUpdated = async (event) => { console.log('updated', event) } -> true
 */
export function settledOnReturn(fn: Node): boolean {
  if (fn.async !== true || fn.generator === true) return false;
  // An overload signature (`async exists(key: string): Promise<boolean>;`) has no body: it runs nothing itself.
  const body = fn.body as Node | null;
  if (body === null) return false;
  if (body.type !== 'BlockStatement') return onlyLogs(body);
  if (awaitsNothing(body) || pureRecursion(fn)) return true;
  const statements = body.body as Node[];
  return (
    statements.length > 0 &&
    statements.every((s) => s.type === 'ExpressionStatement' && onlyLogs(s.expression as Node))
  );
}

/** Calls that start no work outside the process: conversions, and collecting promises already made. */
const PURE_CALL =
  /^(Number|String|Boolean|BigInt|Array\.isArray|JSON\.(parse|stringify)|Object\.(keys|values|entries|fromEntries|assign)|Promise\.(all|allSettled|resolve))$/;
const PURE_METHOD =
  /^(map|filter|reduce|forEach|push|concat|slice|join|split|toString|trim|toLowerCase|toUpperCase)$/;

/**
 * A named async function whose only work is calling itself (a recursive conversion of a nested value,
 * `jsonObject[key] = await convert(value[key])`) besides conversions and methods of its own arrays: every
 * await settles in the current run of microtasks, before any I/O, so no work outlives the caller's turn.
 * It must call itself at least once, and every await, Promise.* argument and return must be built from
 * those self-calls or settled values: `return Promise.all(pending)` or `return await p` hands back work
 * the caller started, and a tagged template (`db.$executeRaw`) or `for await` is I/O.
 */
function pureRecursion(fn: Node): boolean {
  const name = fn.id?.name as string | undefined;
  if (name === undefined) return false;
  const locals = localNames(fn);
  let selfCalls = 0;
  let other = false;
  forEachDescendant(fn.body as Node, (n) => {
    if (
      n.type === 'NewExpression' ||
      n.type === 'ImportExpression' ||
      n.type === 'TaggedTemplateExpression' ||
      (n.type === 'ForOfStatement' && n.await === true)
    )
      other = true;
    if (n.type === 'AwaitExpression' && !fromSelf(n.argument as Node, name, locals)) other = true;
    if (n.type === 'ReturnStatement' && !returnsOwn(n.argument as Node, name, locals)) other = true;
    if (n.type === 'CallExpression') {
      const path = memberPath(unwrap(n.callee))?.join('.') ?? '';
      if (path === name) selfCalls += 1;
      else if (/^Promise\./.test(path) && !(n.arguments as Node[]).every((a) => fromSelf(a, name, locals)))
        other = true;
      else if (!PURE_CALL.test(path) && !ownArrayMethod(n, locals)) other = true;
    }
    return !other;
  });
  return !other && selfCalls > 0;
}

/** A return of a field read off its own value (`return value.S`), or what fromSelf accepts. */
function returnsOwn(value: Node | undefined, name: string, locals: Locals): boolean {
  const v = unwrap(value);
  if (v?.type === 'MemberExpression') {
    const root = memberPath(v)?.[0];
    if (root !== undefined && locals.all.has(root)) return true;
  }
  return fromSelf(v, name, locals);
}

/** Names bound inside the function: all of them, and those it declares itself (not parameters). */
interface Locals {
  all: Set<string>;
  declared: Set<string>;
}

/** Parameters and declared variables of the function and the functions inside it. */
function localNames(fn: Node): Locals {
  const locals: Locals = { all: new Set(), declared: new Set() };
  const add = (id: Node | undefined, declared: boolean) => {
    forEachDescendant({ type: 'Wrap', id } as unknown as Node, (n) => {
      if (n.type === 'Identifier') {
        locals.all.add(n.name as string);
        if (declared) locals.declared.add(n.name as string);
      }
      return !isFunction(n);
    });
  };
  for (const p of (fn.params ?? []) as Node[]) add(p, false);
  forEachDescendant(fn.body as Node, (n) => {
    if (isFunction(n)) for (const p of (n.params ?? []) as Node[]) add(p, false);
    if (n.type === 'VariableDeclarator') add(n.id as Node, true);
    return true;
  });
  return locals;
}

/** What a callback answers: its expression body, or the arguments of its returns. */
function answers(fn: Node): Node[] {
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return [body];
  const out: Node[] = [];
  forEachDescendant(
    body,
    (n) => {
      if (n.type === 'ReturnStatement') out.push(n.argument as Node);
      return true;
    },
    true,
  );
  return out;
}

/**
 * `v.L.map(...)`, `out.push(x)`: a PURE_METHOD on a receiver rooted in a parameter or local of the
 * function, not on a global or module-level object (`Buffer.concat`, `queue.push`, `channel.join`).
 */
function ownArrayMethod(call: Node, locals: Locals): boolean {
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'MemberExpression') return false;
  const method = propertyName(callee.property as Node, callee.computed as boolean) ?? '';
  const root = memberPath(unwrap(callee.object as Node))?.[0];
  return PURE_METHOD.test(method) && root !== undefined && locals.all.has(root);
}

/**
 * The value is a call to `name`, a settled value, a conversion, or built of those (an array of them,
 * `Promise.all(xs.map(async (i) => await name(i)))`), or a local: nothing the caller handed in pending.
 */
function fromSelf(value: Node | undefined, name: string, locals: Locals): boolean {
  const v = unwrap(value);
  if (v === undefined || settledValue(v)) return true;
  if (v.type === 'AwaitExpression') return fromSelf(v.argument as Node, name, locals);
  // A local the body built (`const o = {}; ... return o`); a parameter may be a promise handed in.
  if (v.type === 'Identifier') return locals.declared.has(v.name as string);
  if (v.type === 'ArrayExpression') return (v.elements as Node[]).every((e) => fromSelf(e, name, locals));
  if (v.type !== 'CallExpression') return false;
  const path = memberPath(unwrap(v.callee as Node))?.join('.') ?? '';
  if (path === name) return true;
  if (/^Promise\./.test(path)) return (v.arguments as Node[]).every((a) => fromSelf(a, name, locals));
  if (PURE_CALL.test(path)) return true;
  const callee = unwrap(v.callee as Node);
  // `xs.map(async (i) => await name(i))`: an array of self-calls.
  if (callee?.type === 'MemberExpression' && ownArrayMethod(v, locals)) {
    const cb = unwrap((v.arguments as Node[])[0]);
    return cb !== undefined && isFunction(cb) && answers(cb).every((a) => fromSelf(a, name, locals));
  }
  return false;
}

/**
 * A forEach callback that cannot reject: async, and every statement of its body logs to the console or
 * pushes a call's promise onto an array (`(r) => { writes.push(save(r)) }`, gathered for a later wait).
 *
 * @example
 * settledEach(fn) // async (r) => { JSON.parse(r.body) } -> false: the parse may throw
 */
export function settledEach(fn: Node): boolean {
  if (fn.async !== true || fn.generator === true) return false;
  const body = fn.body as Node;
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
  const gathers = (e: Node | undefined) => {
    const call = unwrap(e);
    const args = (call?.arguments ?? []) as Node[];
    const callee = unwrap(call?.callee as Node | undefined);
    return (
      call?.type === 'CallExpression' &&
      callee?.type === 'MemberExpression' &&
      unwrap(callee.object as Node)?.type === 'Identifier' &&
      memberPath(callee)?.[1] === 'push' &&
      args.length === 1 &&
      unwrap(args[0])?.type === 'CallExpression' &&
      // `writes.push(save(JSON.parse(r)))`: a call in the arguments may throw before the push.
      startsNothing((unwrap(args[0]) as Node).arguments as Node[])
    );
  };
  return statements.every((s) => {
    const e = s.type === 'ExpressionStatement' ? (s.expression as Node) : s;
    return onlyLogs(e) || gathers(e);
  });
}

/**
 * A block body with no `await` (nor `for await`) and no `throw` outside nested functions, whose every
 * `return` gives nothing or a settled value: the async function has run to its end, fulfilled, when the
 * call returns.
 *
 * @example
 * awaitsNothing(body) // { logger.info('spot', i); metric.addMetadata('Id', i.id); } -> true
 */
function awaitsNothing(body: Node): boolean {
  let pending = false;
  forEachDescendant(
    body,
    (n) => {
      if (isFunction(n)) return false;
      if (n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await === true)) pending = true;
      if (n.type === 'ReturnStatement' && !settledValue(n.argument as Node | undefined)) pending = true;
      // A body that throws answers a rejected promise: dropped, it is an unhandled rejection.
      if (n.type === 'ThrowStatement') pending = true;
      return !pending;
    },
    true,
  );
  return !pending;
}
