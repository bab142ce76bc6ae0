// swallowed-error: a catch that hands the caught error to a mapper and returns its answer (`return
// this.handleError(err)`), where the mapper only turns the error into a failure answer (`switch
// (error.message) { case NOT_FOUND: return { statusCode: 400, ... }; default: return { statusCode: 500 } }`).
// That is the catch's `return { statusCode: 500 }` written in two steps, judged as that return is
// (failureResult.ts: held for a caller that drops it or a template that reads no answer). Round 53's first
// try assumed any helper it could not see answers a value; review r53 item 2 found that wrong for an imported
// or inherited thrower, an overload, a mapper calling a thrower and `context.fail`. So only a mapper this
// module holds, read whole, counts: every call in it a log line, `JSON.stringify` or such a mapper of the
// module (two calls deep), no `throw`, no `new`, and every `return` a failure object (failureObject). Any
// other helper is unseen and may throw.
import { calleeName, forEachDescendant, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isLogCall } from './catchFacts.js';
import { failureObject } from './failureResult.js';

/** How many mappers deep a mapper's own calls are read. */
const DEPTH = 2;

/** The one method `name` with a body of the class whose body holds `at`: not inherited, not an overload set. */
function ownMethod(ctx: ModuleContext, at: Node, name: string): Node | undefined {
  for (let n = ctx.parentOf(at); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type !== 'ClassBody') continue;
    // An overload's signatures share the name (TSDeclareMethod, or a bodiless value): more than one is unread.
    const named = (n.body as Node[]).filter((d) => d.key?.name === name && d.computed !== true);
    // A field (`private errorHandler: ErrorHandler`, set in the constructor or later) may hold any function.
    const only = named.length === 1 && named[0]?.type === 'MethodDefinition' ? named[0] : undefined;
    const value = only?.value as Node | null | undefined;
    return value != null && isFunction(value) && value.body?.type === 'BlockStatement' ? value : undefined;
  }
  return undefined;
}

/** The function a call runs, when this module holds it: `this.m(...)` in m's class, or a module function. */
function heldCallee(ctx: ModuleContext, call: Node): Node | undefined {
  const callee = unwrap(call.callee as Node);
  if (callee?.type === 'MemberExpression' && unwrap(callee.object as Node)?.type === 'ThisExpression') {
    const name = calleeName(call);
    return name === undefined ? undefined : ownMethod(ctx, call, name);
  }
  const fn = ctx.functionOf(callee as Node);
  return fn?.body?.type === 'BlockStatement' ? fn : undefined;
}

/** A call that cannot throw the error on: a log line, `JSON.stringify`, `String(...)`, or a quiet mapper. */
function quietCall(ctx: ModuleContext, call: Node, depth: number): boolean {
  if (isLogCall(call)) return true;
  const path = memberPath(call.callee)?.join('.');
  if (path === 'JSON.stringify' || path === 'String') return true;
  const held = depth < DEPTH ? heldCallee(ctx, call) : undefined;
  return held !== undefined && quietBody(ctx, held, depth + 1);
}

/** No `throw`, no `new`, every call quiet (quietCall), outside the functions nested in it. */
function quietBody(ctx: ModuleContext, fn: Node, depth: number): boolean {
  let quiet = true;
  forEachDescendant(
    fn.body as Node,
    (n) => {
      if (!quiet || isFunction(n)) return false;
      if (n.type === 'ThrowStatement' || n.type === 'NewExpression') quiet = false;
      else if (n.type === 'CallExpression' && !quietCall(ctx, n, depth)) quiet = false;
      return quiet;
    },
    true,
  );
  return quiet;
}

/** The `return` arguments of a function, not of the functions nested in it; undefined for a bare `return`. */
function returnsOf(fn: Node): (Node | undefined)[] {
  const out: (Node | undefined)[] = [];
  forEachDescendant(
    fn.body as Node,
    (n) => {
      if (isFunction(n)) return false;
      if (n.type === 'ReturnStatement') out.push((n.argument as Node | null) ?? undefined);
      return true;
    },
    true,
  );
  return out;
}

/**
 * The value is a call handed the caught error (`this.handleError(err)`, `toResponse(e)`, awaited or not) of
 * a mapper this module holds that cannot throw and answers a failure object on every return.
 *
 * @example
 * errorMapperAnswer(ctx, parse('this.handleError(err)'), 'err') // -> true when handleError only maps to { statusCode: 500 }
 * errorMapperAnswer(ctx, parse('handleError(err)'), 'err') // -> false when handleError is imported
 */
export function errorMapperAnswer(
  ctx: ModuleContext,
  value: Node | null | undefined,
  caught: string | undefined,
) {
  let v = unwrap(value);
  if (v?.type === 'AwaitExpression') v = unwrap(v.argument as Node);
  if (v?.type !== 'CallExpression' || caught === undefined) return false;
  const handed = (v.arguments as Node[]).some((a) => {
    const u = unwrap(a);
    return u?.type === 'Identifier' && u.name === caught;
  });
  const mapper = handed ? heldCallee(ctx, v) : undefined;
  if (mapper === undefined || !quietBody(ctx, mapper, 0)) return false;
  const answers = returnsOf(mapper);
  return answers.length > 0 && answers.every((a) => a !== undefined && failureObject(a));
}
