// sdk-client-no-timeout for a v3 client built from options its callers hand in: `new LambdaClient({ region,
// ...clientConfig })` in `collect(region, clientConfig = {})`, `new STSClient(clientConfig)`. A v3 client's
// requests are bounded only by a `requestHandler` in its configuration (or an `abortSignal` per call, checked
// beside this), so the parameter decides. The module cannot see the callers' values, but the project can see
// their text: the candidate is kept only when no module of the client's package names a request handler or
// one of its timeouts (packageSdkTimeouts.ts), so no caller there can be handing one in.
import { type Node, propertyName, unwrap } from '../ast.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { optionsShape, TIMEOUT_KEYS } from '../sdkOptions.js';
import type { Extra } from './Report.js';

/**
 * Is this a parameter of a function around it (`clientConfig`, `options` with a default), or a property
 * read off one (`options.clientConfig` of `constructor(bucket, options = {})`): either way the callers hand it in.
 */
function isParameter(ctx: ModuleContext, node: Node | undefined): boolean {
  let n = unwrap(node);
  while (n?.type === 'MemberExpression' && !n.computed) n = unwrap(n.object as Node);
  return n?.type === 'Identifier' && ctx.resolve(n.name as string, n)?.kind === 'param';
}

/** Is a piece of the options seen in full with no timeout key (no parameter, nothing imported)? */
function seenUntimed(ctx: ModuleContext, node: Node): boolean {
  const shape = optionsShape(ctx, node);
  return !shape.unknown && shape.deferred.length === 0 && !TIMEOUT_KEYS.some((k) => shape.props.has(k));
}

/**
 * Are the options seen in full except for parameters handed in, with no timeout key among what is seen?
 * Undefined pieces, literals and either side of `cfg ? { ...cfg } : {}` are read; one parameter must take part.
 */
function paramFed(
  ctx: ModuleContext,
  node: Node | undefined,
  depth: number,
  seen: { param: boolean },
): boolean {
  if (node === undefined || depth > 4) return node === undefined;
  if (isParameter(ctx, node)) {
    seen.param = true;
    return true;
  }
  const v = ctx.valueOf(node);
  if (v === undefined || v.type === 'Literal') return true;
  if (v.type === 'ObjectExpression') {
    for (const p of v.properties as Node[]) {
      if (p.type === 'SpreadElement') {
        if (!paramFed(ctx, p.argument as Node, depth + 1, seen)) return false;
      } else {
        const key = propertyName(p.key as Node, p.computed as boolean);
        if (key === undefined || (TIMEOUT_KEYS as readonly string[]).includes(key)) return false;
      }
    }
    return true;
  }
  if (v.type === 'ConditionalExpression')
    return (
      paramFed(ctx, v.consequent as Node, depth + 1, seen) &&
      paramFed(ctx, v.alternate as Node, depth + 1, seen)
    );
  // `a && b` is `b` or a falsy `a`, and a falsy value holds no option (spread, it adds no key): a guarded
  // piece, `...(process.env.MOCK_ENDPOINT && { endpoint })`, is read as its object alone.
  if (v.type === 'LogicalExpression' && v.operator === '&&')
    return paramFed(ctx, v.right as Node, depth + 1, seen);
  if (v.type === 'LogicalExpression')
    return paramFed(ctx, v.left as Node, depth + 1, seen) && paramFed(ctx, v.right as Node, depth + 1, seen);
  return seenUntimed(ctx, v);
}

/**
 * Are a v3 client's options out of sight only because callers hand parts of them in as parameters?
 * @example
 * paramFedOptions(ctx, options) // true for new LambdaClient({ region, ...clientConfig }) in fn(region, clientConfig = {})
 */
export function paramFedOptions(ctx: ModuleContext, options: Node | undefined): boolean {
  const seen = { param: false };
  return paramFed(ctx, options, 0, seen) && seen.param;
}

/**
 * The candidate's conditions: the package names no handler, and, in a module without a handler, some other
 * module names an export that reaches the client (a factory only tests call sends nothing in production).
 * Undefined when no export reaches it at all.
 */
export function paramFedCondition(ctx: ModuleContext, node: Node): Extra | undefined {
  if (ctx.handlers.size > 0) return { onlyIfPackageSdkUntimed: true };
  const reaching = exportsReaching(ctx, node, true);
  return reaching.length === 0
    ? undefined
    : { onlyIfPackageSdkUntimed: true, onlyIfExportMentioned: reaching };
}

/** The finding's message: what the client is built from, and why that leaves it unbounded. */
export function paramFedMessage(client: string): string {
  return `${client} is built from options its callers hand in, and nothing in its package sets a requestHandler, so requests have no connection or request timeout`;
}
