// floating-promise: an async function whose promise is settled when the call returns. An async function's
// body runs synchronously up to its first `await` (ECMAScript: AsyncFunctionStart runs the body in the
// caller's turn), so a body that awaits nothing, throws nothing and returns no pending value has finished,
// fulfilled, when the call returns: dropping its promise loses no work and hides no failure. What the body itself starts and drops is judged at its own
// statement. The first such shape seen was a body that only logs (`async (e) => { console.log(e) }`).
import { forEachDescendant, isFunction, memberPath, type Node, propertyName, unwrap } from '../ast.js';

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
  const body = fn.body as Node;
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
 * `jsonObject[key] = await convert(value[key])`) besides conversions and array methods: every await settles
 * in the current run of microtasks, before any I/O, so no work outlives the caller's turn.
 */
function pureRecursion(fn: Node): boolean {
  const name = fn.id?.name as string | undefined;
  if (name === undefined) return false;
  let other = false;
  forEachDescendant(fn.body as Node, (n) => {
    if (n.type === 'NewExpression' || n.type === 'ImportExpression') other = true;
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee);
      const path = memberPath(callee)?.join('.') ?? '';
      const method =
        callee?.type === 'MemberExpression'
          ? propertyName(callee.property, callee.computed as boolean)
          : undefined;
      if (path !== name && !PURE_CALL.test(path) && !PURE_METHOD.test(method ?? '')) other = true;
    }
    return !other;
  });
  return !other;
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

/** A value that cannot be a pending promise: a literal, or an object/array/template built without calls. */
function settledValue(value: Node | undefined): boolean {
  const v = unwrap(value);
  if (v === undefined) return true;
  if (v.type === 'Identifier' || v.type === 'MemberExpression' || v.type === 'ChainExpression') return false;
  let works = false;
  forEachDescendant({ type: 'Wrap', v } as unknown as Node, (n) => {
    if (n.type === 'CallExpression' || n.type === 'NewExpression' || n.type === 'AwaitExpression')
      works = true;
    return !works;
  });
  return !works;
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
