// The method of a request whose options are its function's parameter, passed whole (`callAxios(options) {
// return axios(options) }`): what the module's calls of that function hand it. A wrapper nobody in the module
// calls (an exported pass-through) says nothing, so its request keeps an unknown method.
import { calleeName, type Node, objectProps, stringValue, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

// DELETE is left out, as in idempotentRequest.ts: sent again after a lost response it answers 404.
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'OPTIONS']);

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
  const name = ownName(ctx, fn);
  if (index < 0 || name === undefined) return undefined;
  const passed: string[] = [];
  for (const call of ctx.of('CallExpression')) {
    if (calleeName(call) !== name || ctx.enclosingFunction(call) === fn) continue;
    const method = spelled(ctx, (call.arguments as Node[])[index]);
    if (method !== undefined) passed.push(method);
  }
  return passed.find((m) => IDEMPOTENT.has(m)) ?? passed[0];
}

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

/** The name a function is called by: declared, bound to a variable, or a class or object method's key. */
function ownName(ctx: ModuleContext, fn: Node): string | undefined {
  if (fn.type === 'FunctionDeclaration') return (fn.id as Node | null)?.name as string | undefined;
  const parent = ctx.parentOf(fn);
  if (parent?.type === 'VariableDeclarator') return (parent.id as Node).name as string | undefined;
  if (
    parent?.type === 'MethodDefinition' ||
    parent?.type === 'Property' ||
    parent?.type === 'PropertyDefinition'
  )
    return ((parent.key as Node).name ?? (parent.key as Node).value) as string | undefined;
  return undefined;
}
