// http-no-timeout for a request whose timeout is whatever the enclosing function's caller passes:
// `axios.post(url, body, { timeout: input?.timeout })`, `fetch(url, { signal: opts.signal })`,
// `got(url, { timeout: timeoutMs })` with `timeoutMs?`. The libraries read an `undefined` timeout as none
// (axios merges it over its default of 0, fetch takes no signal), so the request is bounded only for the
// callers that pass one. The finding is kept when the project pass finds a call that passes none
// (callerTimeoutArgs.ts); a helper nobody calls, or one every caller hands a timeout, is not reported.
import { type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { fromCallers, openProps } from './cdkPassedProps.js';

/** The helper (exported names, or its local name) and which argument, and key of it, carries the timeout. */
export interface TimeoutFromCaller {
  readonly names: readonly string[];
  readonly local?: string;
  readonly arg: number;
  /** The key of the argument read (`input.timeout`); absent when the argument is the value itself. */
  readonly key?: string;
}

/** `undefined`, `void 0`, `{}`: a parameter default that still sets no timeout. */
function setsNothing(node: Node | undefined): boolean {
  const n = unwrap(node);
  return (
    (n?.type === 'Identifier' && n.name === 'undefined') ||
    (n?.type === 'UnaryExpression' && n.operator === 'void') ||
    (n?.type === 'ObjectExpression' && (n.properties as Node[]).length === 0)
  );
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
): TimeoutFromCaller | undefined {
  const v = options === undefined ? undefined : ctx.valueOf(options);
  const literal = v?.type === 'ObjectExpression' ? objectProps(v) : undefined;
  if (literal === undefined || literal.spread) return undefined;
  const present = keys.filter((k) => literal.props.has(k));
  if (present.length !== 1) return undefined;
  const open = openProps(ctx, literal.props.get(present[0] as string) as Node);
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
