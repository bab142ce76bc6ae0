// floating-promise inside a combinator: `Promise.all([a(), cond ? items.map((i) => remove(i)) : none])`.
// Promise.all takes each element as a value; an element that is itself an array (a map's answer) is a
// fulfilled value, not a promise, so the promises inside it are never awaited and their failures never seen.
import { calleeName, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const COMBINATOR = /^Promise\.(all|allSettled|race|any)$/;

/**
 * A `.map(...)` given to a combinator's array as one element, and what its callback starts per item:
 * `true` for an async callback, else the call it answers (which the caller asks about, as it would a
 * statement), or undefined when it answers none.
 */
export interface NestedArray {
  readonly map: Node;
  readonly starts: true | Node;
}

/** The callback's answer: an arrow's expression, or a block's only `return`. */
function answered(fn: Node): Node | undefined {
  const body = unwrap(fn.body as Node);
  if (body?.type !== 'BlockStatement') return body;
  const [only, ...rest] = body.body as Node[];
  return rest.length === 0 && only?.type === 'ReturnStatement' ? unwrap(only.argument as Node) : undefined;
}

/** The element's possible values: itself, or either branch of `cond ? a : b` and the right of `a || b`. */
function values(element: Node | undefined): Node[] {
  const e = unwrap(element);
  if (e === undefined) return [];
  if (e.type === 'ConditionalExpression')
    return [...values(e.consequent as Node), ...values(e.alternate as Node)];
  if (e.type === 'LogicalExpression') return [...values(e.left as Node), ...values(e.right as Node)];
  return [e];
}

/**
 * Every map call placed as one element of a combinator's array literal, with what its callback starts.
 *
 * @example
 * nestedArrays(ctx) // await Promise.all([a(), bots.map((b) => remove(b.id))]) -> [{ map: bots.map(...), starts: remove(b.id) }]
 */
export function nestedArrays(ctx: ModuleContext): NestedArray[] {
  if (!ctx.spells('Promise.')) return [];
  const out: NestedArray[] = [];
  for (const call of ctx.of('CallExpression')) {
    if (!COMBINATOR.test(memberPath(call.callee)?.join('.') ?? '')) continue;
    const list = unwrap((call.arguments as Node[])[0]);
    if (list?.type !== 'ArrayExpression') continue;
    for (const element of list.elements as (Node | null)[]) {
      if (element === null || element.type === 'SpreadElement') continue;
      for (const v of values(element)) {
        if (
          v.type !== 'CallExpression' ||
          calleeName(v) !== 'map' ||
          unwrap(v.callee)?.type !== 'MemberExpression'
        )
          continue;
        const cb = ctx.valueOf((v.arguments as Node[])[0]);
        if (cb === undefined || !isFunction(cb)) continue;
        const inner = cb.async === true ? undefined : answered(cb);
        if (cb.async === true) out.push({ map: v, starts: true });
        else if (inner?.type === 'CallExpression') out.push({ map: v, starts: inner });
      }
    }
  }
  return out;
}
