// Retries an HTTP client library runs itself, set by its `retry` option: got and ky. got's default delay
// adds `Math.random() * noise` (noise 100 ms) to `2 ** (n - 1) * 1000`; ky's default delay
// (`0.3 * 2 ** (n - 1) * 1000`) has no random part unless its `jitter` option is set. A `calculateDelay`
// (got) or `delay` (ky) whose whole computation is in view with no random part replaces that schedule.
import { isBooleanLiteral, type Node, numberValue, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { RetrySite } from './retryLibraries.js';
import { fixedDelay } from './retryPolicies.js';

const CLIENTS = new Set(['got', 'ky']);

/** A delay function that answers got's own jittered value (`computedValue`) or only 0 (got: stop retrying). */
function keepsDefaultOrStops(ctx: ModuleContext, delay: Node): boolean {
  const value = ctx.valueOf(delay) ?? unwrap(delay);
  if (value === undefined) return true;
  const text = ctx.source.slice(value.start, value.end);
  const body = (value.body as Node | undefined) ?? value;
  return /computedValue/.test(text) || numberValue(unwrap(body)) === 0;
}

/** The retry a got/ky call (`got.post(url, { retry })`, `ky.create({ retry })`, `got.extend(...)`) sets up. */
export function httpRetrySite(ctx: ModuleContext, call: Node): RetrySite | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'Identifier' && callee?.type !== 'MemberExpression') return undefined;
  const imp =
    callee.type === 'Identifier' ? ctx.importOf(callee.name as string, callee) : ctx.importRoot(callee);
  if (imp === undefined || !CLIENTS.has(imp.source)) return undefined;
  for (const arg of call.arguments as Node[]) {
    const retry = objectProps(ctx.valueOf(arg))?.props.get('retry');
    const opts = objectProps(ctx.valueOf(retry) ?? retry);
    if (opts === undefined || opts.spread) continue;
    const delayKey = imp.source === 'got' ? 'calculateDelay' : 'delay';
    const delay = opts.props.get(delayKey);
    const limit = opts.props.get('limit');
    const jitterOn =
      imp.source === 'ky'
        ? opts.props.has('jitter') && !isBooleanLiteral(opts.props.get('jitter'), false)
        : !(numberValue(opts.props.get('noise')) === 0);
    const fixed =
      delay !== undefined
        ? fixedDelay(ctx, delay) && !keepsDefaultOrStops(ctx, delay) && !(imp.source === 'ky' && jitterOn)
        : imp.source === 'got' && !jitterOn;
    const unbounded = numberValue(ctx.valueOf(limit) ?? limit) === Number.POSITIVE_INFINITY;
    if (!fixed && !unbounded) continue;
    return {
      node: call,
      label: `${imp.source} retry`,
      ...(delay !== undefined ? { noJitterAt: delay } : {}),
      // Only the bound and the delay are judged here; whether a client's own retries want a breaker is not.
      noBreaker: true,
      ...(unbounded ? { unbounded: `${imp.source} with retry.limit: Infinity never gives up` } : {}),
      ...(fixed
        ? {
            noJitter:
              delay !== undefined
                ? `${imp.source} retry.${delayKey} has no random part: it replaces the library's schedule and callers retry in lockstep`
                : 'got with retry.noise: 0 has no random part: callers retry in lockstep',
          }
        : {}),
    };
  }
  return undefined;
}
