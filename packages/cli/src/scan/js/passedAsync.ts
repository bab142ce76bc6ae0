// floating-promise across modules: a function parameter called as a bare statement (`respond(stream, answer)`)
// starts async work when every handler that reaches the call hands that parameter an async function. The
// module holding the call says which exported function's parameter it is (following the parameter through
// the module's own functions, and a wrapper built from one, `const w = withEnv(...)(core)`); each caller's
// module says what it hands an imported function (`passedFunctions`); the project pass joins the two
// (passedAsyncCallers.ts).
import { escapeRegExp } from '../escapeRegExp.js';
import { isFunction, type Node, returnsPromise, unwrap } from './ast.js';
import { declaredName } from './flagGated.js';
import { exportsReaching } from './handlerImports.js';
import type { ModuleContext } from './ModuleContext.js';
import { isProjectSource } from './ModuleContext.js';
import { wrappedTarget } from './wrappedCalls.js';

/** An exported function's parameter, by the export's name and the parameter's position. */
export interface ParamSlot {
  readonly name: string;
  readonly index: number;
}

/** A call of an imported project function that hands it a function (or forwards one of its own parameters). */
export interface PassedFunction {
  readonly source: string;
  readonly name: string;
  /** Positions of the arguments that are async functions (or functions answering a Promise). */
  readonly async: readonly number[];
  /** Positions of the arguments that are some other function, or a parameter passed along unread. */
  readonly other: readonly number[];
  /** On a handler's path in this module (`true`), or the module's exports that reach the call. */
  readonly reach: true | readonly string[];
}

/** The function a name of the module is bound to, and whether it is async. */
function asyncValue(ctx: ModuleContext, arg: Node): boolean | undefined {
  const v = unwrap(ctx.valueOf(arg));
  if (v === undefined || !isFunction(v)) return undefined;
  return v.async === true || returnsPromise(v);
}

/** The parameter a plain identifier names: its function and position, when declared as a plain name. */
function paramOf(ctx: ModuleContext, id: Node): { fn: Node; index: number } | undefined {
  if (id.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(id.name as string, id);
  if (binding?.kind !== 'param' || binding.declaration.type !== 'Identifier') return undefined;
  const index = (binding.scope.params as Node[] | undefined)?.indexOf(binding.declaration) ?? -1;
  return index === -1 ? undefined : { fn: binding.scope, index };
}

/** How many times the name is written in the module (declaration, calls, and every other use). */
function mentions(ctx: ModuleContext, name: string): number {
  return ctx.source.match(new RegExp(`(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])`, 'g'))?.length ?? 0;
}

/**
 * The calls that run `fn` with the arguments they are given: its own calls, and calls of a wrapper built from
 * it (`const w = requiredEnvVars(names)(fn)`, which hands its arguments on). Undefined when the function or a
 * wrapper is used any other way (handed along, exported under another name) and its callers are unknown.
 */
function callsOf(ctx: ModuleContext, fn: Node): Node[] | undefined {
  const name = declaredName(ctx, fn);
  if (name === undefined) return undefined;
  const calls: Node[] = [];
  const wrappers = new Set<string>();
  let own = 0;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier') continue;
    if (callee.name === name && ctx.functionOf(callee) === fn) own++;
    else if (wrappedTarget(ctx, callee) === fn) wrappers.add(callee.name as string);
    else continue;
    calls.push(call);
  }
  // A wrapper is called only by name (never handed along), and wraps the function once.
  for (const w of wrappers) {
    const byName = calls.filter((c) => unwrap(c.callee)?.name === w).length;
    if (mentions(ctx, w) !== byName + 1) return undefined;
  }
  const wraps = wrappers.size;
  const exported = [...ctx.exports.values()].some((v) => v === fn || unwrap(ctx.valueOf(v)) === fn);
  // Every mention is the declaration, a call, a wrapper's argument, or its export.
  if (mentions(ctx, name) > 1 + own + wraps + (exported ? 1 : 0)) return undefined;
  return calls;
}

/**
 * The exported parameters a parameter stands for: the function's own, when exported, and those its callers in
 * the module forward to it. Undefined when some caller in the module hands it something else than an async
 * function or a forwarded parameter, or its callers cannot all be read.
 */
function slotsOf(ctx: ModuleContext, fn: Node, index: number, depth: number): ParamSlot[] | undefined {
  if (depth > 3) return undefined;
  const slots: ParamSlot[] = [];
  for (const [name, v] of ctx.exports)
    if (v === fn || unwrap(ctx.valueOf(v)) === fn) slots.push({ name, index });
  const calls = callsOf(ctx, fn);
  if (calls === undefined) return slots.length > 0 ? slots : undefined;
  for (const call of calls) {
    const args = call.arguments as Node[];
    if (args.slice(0, index + 1).some((a) => a.type === 'SpreadElement')) return undefined;
    const arg = unwrap(args[index]);
    if (arg === undefined) return undefined;
    const forwarded = paramOf(ctx, arg);
    if (forwarded !== undefined) {
      const up = slotsOf(ctx, forwarded.fn, forwarded.index, depth + 1);
      if (up === undefined) return undefined;
      slots.push(...up);
    } else if (asyncValue(ctx, arg) !== true) return undefined;
  }
  return slots.length > 0 ? slots : undefined;
}

/**
 * The exported parameters an untyped called parameter stands for (see above), or undefined when it is none
 * of them or its type is declared.
 *
 * @example
 * paramSlots(ctx, respondId) // [{ name: 'routeRequest', index: 1 }] for `respond(...)` inside routeCore
 */
export function paramSlots(ctx: ModuleContext, callee: Node): ParamSlot[] | undefined {
  // A parameter with a declared type says itself what it answers (rules/promiseParams.ts reads a Promise one).
  if (callee.type !== 'Identifier') return undefined;
  const declared = ctx.resolve(callee.name as string, callee)?.declaration;
  if (declared?.typeAnnotation !== undefined && declared.typeAnnotation !== null) return undefined;
  const param = paramOf(ctx, callee);
  return param === undefined ? undefined : slotsOf(ctx, param.fn, param.index, 0);
}

/**
 * Every call of an imported project function that hands it a function or forwards a parameter, with what
 * each such argument is and whether the call is on a handler's path.
 *
 * @example
 * passedFunctions(ctx) // [{ source: './router.js', name: 'routeRequest', async: [1], other: [], reach: true }]
 */
export function passedFunctions(ctx: ModuleContext): PassedFunction[] {
  const out: PassedFunction[] = [];
  const helper = ctx.handlers.size === 0;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier') continue;
    const imp = ctx.importOf(callee.name as string, callee);
    if (imp === undefined || imp.imported === '*' || !isProjectSource(imp.source)) continue;
    const async: number[] = [];
    const other: number[] = [];
    for (const [i, a] of (call.arguments as Node[]).entries()) {
      if (a.type === 'SpreadElement') break;
      const value = asyncValue(ctx, a);
      if (value === true) async.push(i);
      else if (value === false || paramOf(ctx, unwrap(a) as Node) !== undefined) other.push(i);
    }
    if (async.length === 0 && other.length === 0) continue;
    const onPath = !helper && ctx.handlerKindAt(call) !== undefined;
    const reach = onPath ? true : exportsReaching(ctx, call, true);
    out.push({ source: imp.source, name: imp.imported, async, other, reach });
  }
  return out;
}
