// Retries viem's transports run themselves. `http()`, `webSocket()` and `fallback()` retry a failed RPC
// request `retryCount` times, waiting `~~(1 << count) * retryDelay`: exponential, with no random part and
// no option to add one. A `retryDelay` written in view sets that schedule for every instance that shares
// the RPC endpoint, so it is where retry-no-jitter points; `retryCount: 0` turns the retries off.
import { type Node, numberValue, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { RetrySite } from './retryLibraries.js';

const TRANSPORTS = new Set(['http', 'webSocket', 'fallback']);

/**
 * The retry a viem transport call with a written `retryDelay` sets up.
 * @example
 * // http(rpcUrl, { retryCount: 5, retryDelay: 2_000 })  -> reported at `retryDelay`
 * // http(rpcUrl, { retryCount: 0, retryDelay: 500 })    -> undefined (no retries)
 */
export function viemRetrySite(ctx: ModuleContext, call: Node): RetrySite | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  if (imp?.source !== 'viem' || !TRANSPORTS.has(imp.imported ?? '')) return undefined;
  const args = call.arguments as Node[];
  const opts = objectProps(ctx.valueOf(args[args.length - 1]));
  const delay = opts?.props.get('retryDelay');
  if (delay === undefined) return undefined;
  const count = opts?.props.get('retryCount');
  if (count !== undefined && numberValue(ctx.valueOf(count) ?? count) === 0) return undefined;
  return {
    node: call,
    label: `viem ${imp.imported}()`,
    noJitterAt: delay,
    // Whether a client's own retries want a breaker is not judged here, as for got and ky.
    noBreaker: true,
    noJitter: `viem ${imp.imported}() retries with retryDelay doubled each attempt and no random part: instances that failed together against the RPC endpoint retry in lockstep`,
  };
}
