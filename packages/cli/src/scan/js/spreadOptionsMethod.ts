// The method of a request whose options its callers hand in whole and the request spreads
// (`fetch(url, { headers, ...options })` in `discordRequest(endpoint, options)`): like a method handed in as
// a parameter (handedInClients.ts `openMethod`), it is what the module's calls of the wrapper spell.
import { type Node, unwrap } from './ast.js';
import { preferIdempotent } from './idempotentRequest.js';
import type { ModuleContext } from './ModuleContext.js';
import { type TimeoutFromCaller, timeoutFromCaller } from './rules/callerTimeouts.js';

/** A method spelled as a request option in the module: `method: 'PUT'`. */
const SPELLED_METHOD = /\bmethod\s*:\s*['"`](get|head|put|delete|options|post|patch)['"`]/gi;

/** Is some spread of the options object a parameter of its function (the callers' own options)? */
function spreadsParameter(ctx: ModuleContext, options: Node): boolean {
  return (options.properties as Node[]).some((p) => {
    if (p.type !== 'SpreadElement') return false;
    const arg = unwrap(p.argument as Node);
    return arg?.type === 'Identifier' && ctx.resolve(arg.name as string, arg)?.kind === 'param';
  });
}

/**
 * The method of a request built from options its callers hand in (`{ ...options }`, no `method` of its
 * own): the first idempotent method the module spells as an option (`method: 'PUT'`), else the first
 * write it spells (`POST`), else undefined (nothing says).
 * @example
 * spreadOptionsMethod(ctx, optionsNode) // 'PUT' beside `discordRequest(path, { method: 'PUT' })`
 */
export function spreadOptionsMethod(ctx: ModuleContext, options: Node): string | undefined {
  if (options.type !== 'ObjectExpression' || !spreadsParameter(ctx, options)) return undefined;
  const spelled = [...ctx.source.matchAll(SPELLED_METHOD)].map((m) => (m[1] as string).toUpperCase());
  return preferIdempotent(spelled);
}

/** Any method spelled as a request option in the module (SPELLED_METHOD, without its global state). */
const SPELLS_METHOD = new RegExp(SPELLED_METHOD.source, 'i');

/**
 * A request whose options spread its callers' own and name no method, in a module that spells none
 * (`fetcher<T>(url, options?) { return fetch(url, { ...options, headers }) }`): the library sends a GET
 * for each caller that passes no options or a literal with no `method`. The callers are in other modules,
 * so the project pass asks them (callerTimeoutArgs.ts, with `method` as the key left out).
 * @example
 * getFromCaller(ctx, call, options) // { names: ['fetcher'], local: 'fetcher', arg: 1, spreadKeys: ['method'] }
 */
export function getFromCaller(
  ctx: ModuleContext,
  call: Node,
  options: Node | undefined,
): TimeoutFromCaller | undefined {
  const v = unwrap(options === undefined ? undefined : ctx.valueOf(options));
  if (v?.type !== 'ObjectExpression' || !spreadsParameter(ctx, v) || SPELLS_METHOD.test(ctx.source))
    return undefined;
  return timeoutFromCaller(ctx, call, v, ['method']);
}
