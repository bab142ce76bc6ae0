// Request options a helper is handed by its own module: `axios.get(req.url, req.config)` in a method whose
// parameter carries the config, called as `this.get(this.buildRequest(...))` beside it. The options value
// is a parameter, so on its own it gets the benefit of the doubt (a caller may pass a timeout). But when the
// module's text names none of the library's timeout keys (axios: `timeout`, `signal`, `cancelToken`; fetch:
// `signal`, ...) and every call of the helper in the module hands it something built here rather than a
// parameter of its own, no caller can add one: the request runs at the library's default, which for axios
// and fetch is no timeout at all.
import { calleeName, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { moduleCode } from '../moduleCode.js';

/** The name a function is called by in its module: a method's key, a declaration's or a const's name. */
function functionName(ctx: ModuleContext, fn: Node): string | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id?.name as string | undefined;
  const parent = ctx.parentOf(fn);
  if (
    parent?.type === 'MethodDefinition' ||
    parent?.type === 'PropertyDefinition' ||
    parent?.type === 'Property'
  )
    return propertyName(parent.key as Node, parent.computed as boolean);
  if (parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier')
    return parent.id.name as string;
  return undefined;
}

/** The root identifier of `req`, `req.config`, `req['config']`. */
function rootOf(node: Node | undefined): Node | undefined {
  let n = unwrap(node);
  while (n?.type === 'MemberExpression') n = unwrap(n.object as Node);
  return n?.type === 'Identifier' ? n : undefined;
}

/** Is the value a parameter of the function it is read in (handed in from further out)? */
function fromParameter(ctx: ModuleContext, value: Node | undefined): boolean {
  const root = rootOf(value);
  return root !== undefined && ctx.resolve(root.name as string, root)?.kind === 'param';
}

/** Does the text set or read the key (`timeout: 5000`, `{ signal }`, `config.timeout`, `'timeout'`)? Prose does not count. */
function namesKey(source: string, key: string): boolean {
  return new RegExp(`\\b${key}\\s*[:=,})]|\\.${key}\\b|['"\`]${key}['"\`]`).test(source);
}

/**
 * Are the options a parameter of the request's function that only this module, naming no timeout key, fills?
 * @example
 * locallyHandedUntimed(ctx, reqConfig, ['timeout', 'signal', 'cancelToken']) // true for axios.get(req.url, req.config) called as this.get(this.build(...))
 */
export function locallyHandedUntimed(
  ctx: ModuleContext,
  options: Node | undefined,
  keys: readonly string[],
): boolean {
  const root = rootOf(options);
  if (root === undefined || keys.length === 0) return false;
  const binding = ctx.resolve(root.name as string, root);
  if (binding?.kind !== 'param') return false;
  if (keys.some((k) => namesKey(moduleCode(ctx), k))) return false;
  const fn = binding.scope as Node;
  const index = (fn.params as Node[] | undefined)?.findIndex(
    (p) => p === binding.declaration || unwrap(p.left as Node) === binding.declaration,
  );
  const name = functionName(ctx, fn);
  if (index === undefined || index === -1 || name === undefined) return false;
  let calls = 0;
  for (const call of ctx.of('CallExpression')) {
    if (calleeName(call) !== name || (call.start >= fn.start && call.end <= fn.end)) continue;
    const arg = (call.arguments as Node[])[index];
    if (arg === undefined || arg.type === 'SpreadElement' || fromParameter(ctx, arg)) return false;
    calls++;
  }
  return calls > 0;
}
