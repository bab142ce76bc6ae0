// The HTTP method a request's options spell (httpCall.ts asks it of every call it classifies): a literal
// `method`, one read through a variable, a verb table's member or the caller's argument, or what the
// module's calls of a wrapper spell when the options spread its parameter.
import { type Node, objectProps, stringValue, unwrap } from './ast.js';
import { agreed, optionBranches } from './conditionalOptions.js';
import { openMethod } from './handedInClients.js';
import type { ModuleContext } from './ModuleContext.js';
import { spreadOptionsMethod } from './spreadOptionsMethod.js';
import { tabledMethod } from './tabledMethod.js';
import { wholeOptionsMethod } from './wholeOptionsMethod.js';

/**
 * The request method: 'GET' when options are absent or a literal without `method`, undefined when unknown.
 * @example
 * methodOrGet(ctx, undefined) // 'GET'
 */
export function methodOrGet(ctx: ModuleContext, options: Node | undefined): string | undefined {
  if (options === undefined) return 'GET';
  // `cond ? { headers } : {}`: the method both branches send, when they agree.
  const branches = optionBranches(ctx, options);
  if (branches !== undefined) return agreed(branches.map((b) => methodOrGet(ctx, b)));
  const props = objectProps(ctx.valueOf(options));
  if (props === undefined) return wholeOptionsMethod(ctx, options);
  if (props.props.has('method')) return methodOf(ctx, options);
  // `{ ...options }` of the wrapper's parameter: what the module's calls of the wrapper spell.
  return props.spread ? spreadOptionsMethod(ctx, unwrap(ctx.valueOf(options)) as Node) : 'GET';
}

/**
 * The method an options value spells (`{ method: 'put' }` -> 'PUT'), read through a variable or a
 * caller's argument; undefined when unknown.
 * @example
 * methodOf(ctx, options) // 'PUT' for `{ method: 'put' }`
 */
export function methodOf(ctx: ModuleContext, options: Node | undefined): string | undefined {
  const props = objectProps(ctx.valueOf(options));
  if (props === undefined) return wholeOptionsMethod(ctx, options);
  const value = props.props.get('method');
  // `{ timeout, ...config }` of the wrapper's parameter, no method of its own: what its callers spell.
  if (value === undefined && props.spread)
    return spreadOptionsMethod(ctx, unwrap(ctx.valueOf(options)) as Node);
  const m = stringValue(value) ?? stringValue(ctx.valueOf(value));
  // `method: VERBS.get`: a verb table's member (tabledMethod.ts).
  return m?.toUpperCase() ?? tabledMethod(ctx, ctx.valueOf(value)) ?? openMethod(ctx, value);
}
