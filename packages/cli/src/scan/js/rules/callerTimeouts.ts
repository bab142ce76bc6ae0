// http-no-timeout for a request whose timeout is whatever the enclosing function's caller passes:
// `axios.post(url, body, { timeout: input?.timeout })`, `fetch(url, { signal: opts.signal })`,
// `got(url, { timeout: timeoutMs })` with `timeoutMs?`. The libraries read an `undefined` timeout as none
// (axios merges it over its default of 0, fetch takes no signal), so the request is bounded only for the
// callers that pass one. The finding is kept when the project pass finds a call that passes none
// (callerTimeoutArgs.ts); a helper nobody calls, or one every caller hands a timeout, is not reported.
// So is a request whose options spread the helper's parameter and name no timeout key themselves
// (`fetch(url, { headers, ...options })`): a call passing a literal without one leaves it unbounded.
import { type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mergedProps } from '../mergedOptions.js';
import { fromCallers, openProps } from './cdkPassedProps.js';

/** The helper (exported names, or its local name) and which argument, and key of it, carries the timeout. */
export interface TimeoutFromCaller {
  readonly names: readonly string[];
  readonly local?: string;
  readonly arg: number;
  /** The key of the argument read (`input.timeout`); absent when the argument is the value itself. */
  readonly key?: string;
  /**
   * The argument is spread into the request's options (`fetch(url, { headers, ...options })`): a call
   * leaves the timeout out when it passes no options, or a literal naming none of these keys.
   */
  readonly spreadKeys?: readonly string[];
  /** The helper is a class's method: only the class's own calls (`this.fetch(...)`) are read. */
  readonly method?: true;
  /** Argument texts that carry no bound either (`axios` handed in for a `client = axios` default). */
  readonly untimedArgs?: readonly string[];
}

/** `undefined`, `null`, `void 0`, `{}`: a parameter default (or a branch) that sets no timeout. */
function setsNothing(node: Node | undefined): boolean {
  const n = unwrap(node);
  return (
    (n?.type === 'Identifier' && n.name === 'undefined') ||
    (n?.type === 'Literal' && n.value === null) ||
    (n?.type === 'UnaryExpression' && n.operator === 'void') ||
    (n?.type === 'ObjectExpression' && (n.properties as Node[]).length === 0)
  );
}

/** A side of a test that is not `undefined`/`null`: `ms === undefined` -> `ms`. */
function tested(test: Node | undefined): Node | undefined {
  const t = unwrap(test);
  if (t?.type === 'UnaryExpression' && t.operator === '!') return tested(t.argument as Node);
  if (t?.type !== 'BinaryExpression') return t;
  const nothing = (n: Node | undefined) =>
    (unwrap(n)?.type === 'Identifier' && unwrap(n)?.name === 'undefined') ||
    (unwrap(n)?.type === 'Literal' && unwrap(n)?.value === null);
  return nothing(t.right as Node)
    ? unwrap(t.left as Node)
    : nothing(t.left as Node)
      ? unwrap(t.right as Node)
      : undefined;
}

/**
 * What the timeout value reads: itself, or for `ms === undefined ? undefined : AbortSignal.timeout(ms)` (a
 * timeout only when the caller gives one) the value its test reads.
 */
function timedBy(value: Node): Node | undefined {
  const v = unwrap(value);
  if (v?.type !== 'ConditionalExpression' || !(setsNothing(v.consequent) || setsNothing(v.alternate)))
    return value;
  return tested(v.test as Node);
}

/** The parameter at `index` of the function enclosing `at` may be left out, or left without `key`, with no timeout. */
function omittable(ctx: ModuleContext, at: Node, index: number): boolean {
  const fn = ctx.enclosingFunction(at);
  const param = (fn?.params as Node[] | undefined)?.[index];
  if (param === undefined) return false;
  const own = param.type === 'TSParameterProperty' ? (param.parameter as Node) : param;
  return own.type !== 'AssignmentPattern' || setsNothing(own.right as Node);
}

/**
 * `fetch(url, { headers, ...options })` with `options` a parameter of the enclosing helper, and no timeout
 * key of its own: the only bound is one a caller puts in what it passes.
 */
function spreadFromCaller(
  ctx: ModuleContext,
  call: Node,
  options: Node | undefined,
  keys: readonly string[],
): TimeoutFromCaller | undefined {
  if (options?.type !== 'ObjectExpression') return undefined;
  const fn = ctx.enclosingFunction(call);
  let arg: number | undefined;
  for (const p of options.properties as Node[]) {
    if (p.type !== 'SpreadElement') {
      const key = propertyName(p.key as Node, p.computed as boolean);
      if (key === undefined || keys.includes(key)) return undefined;
      continue;
    }
    const spread = unwrap(p.argument as Node);
    // Defaults the module spells in full (`{ ...HTTP_DEFAULTS, ...config }`) add their keys, nothing unseen.
    const spelled = objectProps(ctx.valueOf(spread));
    if (spelled !== undefined && spread?.type === 'Identifier') {
      if (spelled.spread || keys.some((k) => spelled.props.has(k))) return undefined;
      continue;
    }
    const binding = spread?.type === 'Identifier' ? ctx.resolve(spread.name as string, spread) : undefined;
    const index =
      fn !== undefined && binding?.kind === 'param' && binding.scope === fn
        ? (fn.params as Node[]).indexOf(binding.declaration)
        : -1;
    if (index === -1 || arg !== undefined) return undefined;
    arg = index;
  }
  if (arg === undefined) return undefined;
  const owner = fromCallers(ctx, call, [{ arg, keys: [] }]) ?? classMember(ctx, fn);
  if (owner === null || owner === undefined) return undefined;
  return {
    names: owner.names,
    ...(owner.local !== undefined ? { local: owner.local } : {}),
    ...('method' in owner ? { method: true as const } : {}),
    arg,
    spreadKeys: keys,
  };
}

/**
 * A method of a class (`async get(path, init)`, `fetch = async (endpoint, config) => ...`): its callers
 * read are the class's own calls of it (`this.fetch(...)`).
 */
function classMember(
  ctx: ModuleContext,
  fn: Node | undefined,
): { names: readonly string[]; local: string; method: true } | undefined {
  const holder = fn === undefined ? undefined : ctx.parentOf(fn);
  if (holder?.type !== 'MethodDefinition' && holder?.type !== 'PropertyDefinition') return undefined;
  if (holder.kind === 'constructor' || holder.static === true) return undefined;
  const name = propertyName(holder.key as Node, holder.computed as boolean);
  return name === undefined ? undefined : { names: [], local: name, method: true };
}

/**
 * The caller-supplied timeout an HTTP call's options hold under one of `keys`, or undefined when the
 * options bound the call themselves (or are not a literal this module spells).
 *
 * @example
 * timeoutFromCaller(ctx, call, options, ['timeout']) // { names: ['getToken'], local: 'getToken', arg: 0, key: 'timeout' }
 */
export function timeoutFromCaller(
  ctx: ModuleContext,
  call: Node,
  options: Node | undefined,
  keys: readonly string[],
  /** The options name a timeout (or one set only when given): else there is nothing to hand the callers. */
  named = true,
): TimeoutFromCaller | undefined {
  if (!named) return undefined;
  const v = options === undefined ? undefined : ctx.valueOf(options);
  // `{ ...init, signal }` of pieces the module spells is read whole (as httpTimeoutOptions.ts does).
  const props = v?.type === 'ObjectExpression' ? mergedProps(ctx, v) : undefined;
  if (props === undefined) return spreadFromCaller(ctx, call, v, keys);
  const present = keys.filter((k) => props.has(k));
  if (present.length !== 1) return undefined;
  const open = openProps(ctx, timedBy(props.get(present[0] as string) as Node));
  const from = open?.fromCaller[0];
  if (open === undefined || open.fromCaller.length !== 1 || from === undefined) return undefined;
  if (!omittable(ctx, call, from.arg)) return undefined;
  const owner = fromCallers(ctx, call, [{ arg: from.arg, keys: [] }]);
  if (owner === null || owner === undefined) return undefined;
  return {
    names: owner.names,
    ...(owner.local !== undefined ? { local: owner.local } : {}),
    arg: from.arg,
    ...(from.key !== undefined ? { key: from.key } : {}),
  };
}

/**
 * A request on a client parameter that defaults to the axios import itself (`client = axios`, a seam for
 * tests): a caller that leaves the argument out, or hands in `axios` itself, sends through axios's default,
 * which has no timeout (callerTimeoutArgs.ts: any other argument may carry a bound). Undefined when the module
 * sets `axios.defaults.timeout`: then the default is bounded.
 *
 * @example
 * defaultAxiosFromCaller(ctx, call) // { names: ['loadGames'], arg: 1 } for `loadGames = (url, client = axios) => client.get(url)`
 */
export function defaultAxiosFromCaller(ctx: ModuleContext, call: Node): TimeoutFromCaller | undefined {
  const callee = unwrap(call.callee as Node);
  const receiver = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
  if (receiver?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(receiver.name as string, receiver);
  const fn = ctx.enclosingFunction(call);
  if (binding?.kind !== 'param' || fn === undefined || binding.scope !== fn) return undefined;
  const param = binding.declaration;
  const fallback = param.type === 'AssignmentPattern' ? unwrap(param.right as Node) : undefined;
  if (fallback?.type !== 'Identifier') return undefined;
  if (ctx.importOf(fallback.name as string, fallback)?.source !== 'axios') return undefined;
  if (ctx.spells('defaults.timeout')) return undefined;
  const arg = (fn.params as Node[]).indexOf(param);
  const owner = arg === -1 ? undefined : fromCallers(ctx, call, [{ arg, keys: [] }]);
  if (owner === null || owner === undefined) return undefined;
  const local = owner.local !== undefined ? { local: owner.local } : {};
  return { names: owner.names, ...local, arg, untimedArgs: [fallback.name as string, 'axios'] };
}
