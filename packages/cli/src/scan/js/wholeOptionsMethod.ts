// The method of a request whose options are its function's parameter, passed whole (`callAxios(options) {
// return axios(options) }`): what the module's calls of that function hand it. A wrapper nobody in the module
// calls (an exported pass-through) says nothing, so its request keeps an unknown method.
import { type Node, objectProps, stringValue, unwrap } from './ast.js';
import { preferIdempotent } from './idempotentRequest.js';
import { callsOf } from './localCalls.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The first idempotent method the module's calls of the wrapper pass as its options (`{ method: 'get' }`, or
 * options with no method: GET), else the first write they pass; undefined when the options are not a whole
 * parameter or no call in the module passes one.
 * @example
 * wholeOptionsMethod(ctx, optionsId) // 'GET' beside `this.callAxios({ method: 'get', url })`
 */
export function wholeOptionsMethod(ctx: ModuleContext, options: Node | undefined): string | undefined {
  const id = unwrap(options);
  if (id?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(id.name as string, id);
  if (binding?.kind !== 'param') return undefined;
  const fn = ctx.enclosingFunction(binding.declaration);
  if (fn === undefined) return undefined;
  const index = (fn.params as Node[]).findIndex(
    (p) => p === binding.declaration || (p.type === 'AssignmentPattern' && p.left === binding.declaration),
  );
  if (index < 0) return undefined;
  const key = `${index}`;
  let memo = answers.get(fn);
  if (memo?.has(key)) return memo.get(key);
  const passed: string[] = [];
  for (const call of callsOf(ctx, fn)) {
    const method = spelled(ctx, (call.arguments as Node[])[index]);
    if (method !== undefined) passed.push(method);
  }
  const answer = preferIdempotent(passed);
  if (memo === undefined) {
    memo = new Map();
    answers.set(fn, memo);
  }
  memo.set(key, answer);
  return answer;
}

/** Per wrapper function and options position: the method its calls hand it (functions are per module). */
const answers = new WeakMap<Node, Map<string, string | undefined>>();

/** The method an options object literal spells: its `method`, or GET when it has none and spreads nothing. */
function spelled(ctx: ModuleContext, arg: Node | undefined): string | undefined {
  const props = objectProps(ctx.valueOf(arg)) ?? objectProps(declaredValue(ctx, arg));
  if (props === undefined) return undefined;
  const value = props.props.get('method');
  if (value === undefined) return props.spread ? undefined : 'GET';
  return (stringValue(value) ?? stringValue(ctx.valueOf(value)))?.toUpperCase();
}

/**
 * The object a `var`/`let` options variable starts as (`var config = { method: 'get', url }`), which
 * valueOf leaves alone because it may be reassigned: its method is what the call site spells.
 */
function declaredValue(ctx: ModuleContext, arg: Node | undefined): Node | undefined {
  const id = unwrap(arg);
  if (id?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(id.name as string, id);
  return binding?.kind === 'var' || binding?.kind === 'let' ? unwrap(binding.init) : undefined;
}
