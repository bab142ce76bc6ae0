// The `new ...(scope, id, props)` constructs an expression in a CDK stack may stand for, followed through the
// module: a const, a `this.field` assigned in the class, a parameter of a same-file helper (to its callers'
// arguments), or what a same-file method or function hands back (`const fn = this.makeFn()`, `const {
// onConnect } = this.socketFunctions()`: stacks group the functions of one API in a builder method). Rules
// that judge a construct by where it is used (a route, a rule target) ask it for the construct whose props
// they read.
import { memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import { callsByPath } from '../callIndex.js';
import type { ModuleContext } from '../ModuleContext.js';
import { ownMethod } from '../memberClass.js';
import { returnedValues } from '../returnedValues.js';
import { destructuredFrom } from '../sdkOptions.js';
import { builderFixesTimeout } from './cdkFixedBuilders.js';

/** calls() per function: a helper's callers are asked once per argument of each construct it routes. */
const callsOf = new WeakMap<Node, Node[]>();

/** `this.x = value` statements of a module by their target (`this.x`), gathered in one pass. */
const fieldAssignments = new WeakMap<ModuleContext, Map<string, Node[]>>();

function assignedTo(ctx: ModuleContext, target: string): readonly Node[] {
  let byTarget = fieldAssignments.get(ctx);
  if (byTarget === undefined) {
    byTarget = new Map();
    for (const stmt of ctx.of('ExpressionStatement')) {
      const e = unwrap(stmt.expression as Node);
      const path = e?.type === 'AssignmentExpression' ? memberPath(e.left as Node) : undefined;
      if (e === undefined || path === undefined) continue;
      const key = path.join('.');
      const values = byTarget.get(key) ?? [];
      values.push(e.right as Node);
      byTarget.set(key, values);
    }
    fieldAssignments.set(ctx, byTarget);
  }
  return byTarget.get(target) ?? [];
}

/** The calls of a function in this module, by the name it is called by (see callsUncached). */
function calls(ctx: ModuleContext, fn: Node): Node[] {
  let found = callsOf.get(fn);
  if (found === undefined) {
    found = callsUncached(ctx, fn);
    callsOf.set(fn, found);
  }
  return found;
}

/** The name a function is called by in this module: `const f = () =>`, `function f()`, a method. */
function callsUncached(ctx: ModuleContext, fn: Node): Node[] {
  const parent = ctx.parentOf(fn);
  let name: string | undefined;
  let method = false;
  if (fn.type === 'FunctionDeclaration') name = (fn.id as Node | null)?.name as string | undefined;
  else if (parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier')
    name = parent.id.name as string;
  else if (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') {
    name = propertyName(parent.key as Node, parent.computed as boolean);
    method = true;
  }
  if (name === undefined) return [];
  if (method) return [...callsByPath(ctx, `this.${name}`)];
  return callsByPath(ctx, name).filter((c) => ctx.functionOf(unwrap(c.callee as Node)) === fn);
}

/**
 * The `new ...(scope, id, props)` constructs an expression may stand for: a const, a `this.field`
 * assigned in this module, or a parameter of a same-file helper followed to its callers' arguments.
 */
export function constructsOf(ctx: ModuleContext, expr: Node | undefined, depth = 0, timed = false): Node[] {
  const n = unwrap(expr);
  if (n === undefined || depth > 3) return [];
  const v = ctx.valueOf(n);
  if (v?.type === 'NewExpression') return [v];
  if (v?.type === 'CallExpression') return returnedConstructs(ctx, v, undefined, depth, timed);
  if (v?.type === 'Identifier') {
    const binding = ctx.resolve(v.name as string, v);
    // `const { onConnect } = this.socketFunctions()`: the key it took from what the call hands back.
    const taken = destructuredFrom(ctx, v);
    const call = unwrap(taken?.object);
    if (call?.type === 'CallExpression' && taken?.key !== undefined)
      return returnedConstructs(ctx, call, taken.key, depth, timed);
    if (binding?.kind !== 'param') return [];
    const fn = ctx.parentOf(binding.declaration);
    const index =
      fn === undefined ? -1 : ((fn.params as Node[] | undefined) ?? []).indexOf(binding.declaration);
    if (fn === undefined || index < 0) return [];
    return calls(ctx, fn).flatMap((c) => constructsOf(ctx, (c.arguments as Node[])[index], depth + 1, timed));
  }
  const path = memberPath(v);
  if (path?.length === 2 && path[0] === 'this') {
    return assignedTo(ctx, path.join('.')).flatMap((right) => constructsOf(ctx, right, depth + 1, timed));
  }
  return [];
}

/**
 * The constructs a call of this module's own method (`this.m()`) or function (`f()`) hands back: each
 * returned expression, or with `key` the value under that key of each returned object. With `timed` (the
 * gateway rule, which reads their timeout), also those of a builder taking parameters that fixes their
 * timeout itself (cdkFixedBuilders.ts).
 */
function returnedConstructs(
  ctx: ModuleContext,
  call: Node,
  key: string | undefined,
  depth: number,
  timed: boolean,
): Node[] {
  const fn = ownMethod(ctx, call) ?? ctx.functionOf(unwrap(call.callee as Node));
  // A builder taking parameters may build from the caller's props (`{ timeout, ...props }`), which its own
  // props do not show: judging its construct alone gave false and double findings, so it is not followed
  // unless it writes the timeout itself.
  const params = ((fn?.params as Node[] | undefined) ?? []).length > 0;
  if (fn === undefined || (params && !timed)) return [];
  const found = (returnedValues(fn, 'skip') ?? []).flatMap((value) => {
    if (key === undefined) return constructsOf(ctx, value, depth + 1, timed);
    const held = objectProps(ctx.valueOf(value))?.props.get(key);
    return held === undefined ? [] : constructsOf(ctx, held, depth + 1, timed);
  });
  return params
    ? found.filter((c) => ctx.enclosingFunction(c) === fn && builderFixesTimeout(ctx, fn, c))
    : found;
}
