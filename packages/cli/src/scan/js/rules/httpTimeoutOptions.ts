// Whether an HTTP call's options bound it in time, per library: the keys that set a timeout, options
// built by helpers (read through what they return), and instances created without one.
import { calleeName, type Node, objectProps, unwrap } from '../ast.js';
import { callerGated, isNothing, optionBranches } from '../conditionalOptions.js';
import { fieldOptions } from '../fieldOptions.js';
import type { HttpCall } from '../httpCall.js';
import { HTTP_LIBRARIES } from '../httpDefaults.js';
import { libraryImport } from '../httpInstances.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isMergeCall, mergedProps } from '../mergedOptions.js';
import { isRelative } from '../protection.js';
import { type DeferredOptions, optionsShape } from '../sdkOptions.js';

/** The keys that bound a request, per library (the catalogue in js/httpDefaults.ts). */
export const TIMEOUT_KEYS = Object.fromEntries(
  Object.entries(HTTP_LIBRARIES).map(([lib, d]) => [lib, d.timeoutKeys]),
) as Record<HttpCall['lib'], readonly string[]>;

/** Does the library retry idempotent requests by default (got, ky, ofetch)? */
export function retriesByDefault(lib: HttpCall['lib']): boolean {
  return HTTP_LIBRARIES[lib].retries;
}

/**
 * Does an options value bound the call? Unknown values (variables, spreads) get the benefit of the doubt.
 * `'optional'`: the timeout is there only when the caller asks for one
 * (`signal: ms === undefined ? undefined : AbortSignal.timeout(ms)`).
 */
export function optionsBound(
  ctx: ModuleContext,
  options: Node | undefined,
  keys: readonly string[],
): boolean | 'optional' | DeferredOptions[] {
  if (options === undefined) return false;
  // `cond ? { headers } : {}`: unbounded only when no branch names a bound (or hides one out of sight). A
  // branch whose timeout the caller decides (`ms ? { signal: AbortSignal.timeout(ms) } : {}`) is judged by
  // the callers, as the conditional spread is; one built by a relative module's helper, by that module.
  const branches = optionBranches(ctx, options);
  if (branches !== undefined) {
    const verdicts = branches.map((b) => {
      const bound = b === undefined ? false : optionsBound(ctx, b, keys);
      return bound === true && callerGated(ctx, options, b as Node, keys) ? 'optional' : bound;
    });
    if (verdicts.includes(true)) return true;
    const deferred = verdicts.filter((v) => Array.isArray(v)).flat();
    if (verdicts.includes('optional')) return deferred.length === 0 ? 'optional' : true;
    return deferred.length > 0 ? deferred : false;
  }
  let v = ctx.valueOf(options);
  // `const request = await requestBuilder(...)`: an async helper of this module builds the options.
  const awaited = v?.type === 'AwaitExpression' ? unwrap(ctx.valueOf(v.argument as Node)) : undefined;
  if (awaited?.type === 'CallExpression' && ctx.functionOf(awaited.callee as Node) !== undefined) v = awaited;
  // `{ ...base, url }` or `assign({}, base, { url })` of pieces the module spells: read whole.
  const merged = v?.type === 'ObjectExpression' || isMergeCall(ctx, v) ? mergedProps(ctx, v) : undefined;
  if (merged === undefined && isMergeCall(ctx, v)) return true;
  if (merged === undefined && v?.type === 'CallExpression') return helperBound(ctx, v, keys);
  // `fetch(url, this.params)`: the objects the class assigns the field, each judged in full.
  const held = v?.type === 'MemberExpression' ? fieldOptions(ctx, v, keys) : undefined;
  if (held !== undefined) return held.some((o) => optionsBound(ctx, o, keys) !== false);
  const props = merged ?? objectProps(v)?.props;
  if (props === undefined || (merged === undefined && objectProps(v)?.spread)) return true;
  for (const k of keys) {
    const value = props.get(k);
    if (value === undefined) continue;
    const u = unwrap(value);
    // `timeout: 0` and `timeout: false` switch the timeout off.
    if (u?.type === 'Literal' && (u.value === 0 || u.value === false || u.value === null)) return false;
    if (u?.type === 'ConditionalExpression' && (isNothing(u.consequent) || isNothing(u.alternate)))
      return 'optional';
    return true;
  }
  return false;
}

/**
 * Options a function of this module builds (`fetch(url, requestConfig(token))`): read through what it
 * returns. A helper whose text names a timeout key anywhere, or whose answer is partly out of sight, gets
 * the benefit of the doubt. One imported from a relative module (`buildUpsertOptions` in `../helpers`) is
 * handed to the project pass: the finding stands only if that module's export returns no timeout.
 */
function helperBound(ctx: ModuleContext, call: Node, keys: readonly string[]): boolean | DeferredOptions[] {
  const fn = ctx.functionOf(call.callee as Node);
  if (fn !== undefined && keys.some((k) => new RegExp(`\\b${k}\\b`).test(ctx.source.slice(fn.start, fn.end))))
    return true;
  const shape = optionsShape(ctx, call);
  if (shape.unknown || keys.some((k) => shape.props.has(k))) return true;
  if (shape.deferred.length === 0) return false;
  return shape.deferred.every((d) => isRelative(d.ref.source)) ? shape.deferred : true;
}

export function optionsExplicitlyUnbounded(ctx: ModuleContext, options: Node | undefined): boolean {
  const props = objectProps(ctx.valueOf(options));
  const t = unwrap(props?.props.get('timeout'));
  return t?.type === 'Literal' && t.value === false;
}

export function creationWithoutTimeout(ctx: ModuleContext, call: Node): string | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return undefined;
  const base = unwrap(callee.object);
  const imp = libraryImport(ctx, base);
  if (base === undefined || imp === undefined || isRelative(imp.source)) return undefined;
  const method = calleeName(call);
  const isCreate =
    (imp.source === 'axios' && method === 'create') || (imp.source === 'got' && method === 'extend');
  if (!isCreate) return undefined;
  if (imp.source === 'axios' && ctx.spells('defaults.timeout')) return undefined;
  if (optionsBound(ctx, call.arguments[0], ['timeout', 'signal'])) return undefined;
  return `${ctx.source.slice(base.start, base.end)}.${method}`;
}
