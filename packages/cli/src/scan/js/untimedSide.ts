// Options chosen at run time between a local emulator's and the deployed ones
// (`stage === 'local' ? { endpoint, httpOptions: { timeout } } : {}`): only the local side is bounded, so
// the deployed client runs unbounded. Recorded beside the merged shape (OptionsShape.untimedSide) and read
// only by the v2 timeout check (rules/sdk.ts) and returnFact; every other reader (the retry rules, v3)
// sees the sides merged, a key on either counting.
import { type Node, objectProps } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import type { OptionsShape, UntimedSide } from './sdkOptions.js';

/** A v3 request handler, or v2 httpOptions seen to set a timeout (or spread from out of sight). */
function bounds(ctx: ModuleContext, shape: OptionsShape): boolean {
  if (shape.props.has('requestHandler')) return true;
  const http = objectProps(ctx.valueOf(shape.props.get('httpOptions')));
  return http !== undefined && (http.spread || http.props.has('timeout'));
}

/**
 * The deployed side of a two-sided choice: seen in full, with no request handler, httpOptions or endpoint,
 * when the other side bounds requests and names an `endpoint` (the timeout sits on the local side). Any
 * other pair (`test ? {} : { httpOptions: { timeout } }`) gives undefined: the sides are merged as before.
 *
 * @example
 * untimedSide(ctx, [local, deployed], [{ endpoint, httpOptions }, {}]) // { shape: <{}>, bounding: local }
 */
export function untimedSide(
  ctx: ModuleContext,
  nodes: readonly Node[],
  shapes: readonly OptionsShape[],
): UntimedSide | undefined {
  if (nodes.length !== 2 || shapes.length !== 2) return undefined;
  const b = shapes.findIndex((s) => bounds(ctx, s) && s.props.has('endpoint'));
  const open = shapes[1 - b];
  if (b === -1 || open === undefined || open.unknown || open.deferred.length > 0) return undefined;
  if (['requestHandler', 'httpOptions', 'endpoint'].some((k) => open.props.has(k))) return undefined;
  return { shape: open, bounding: ctx.valueOf(nodes[b] as Node) ?? (nodes[b] as Node) };
}
