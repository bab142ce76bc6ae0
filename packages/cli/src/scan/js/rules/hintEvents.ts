// EventBridge entries whose loss loses no data: one whose Detail is empty (`Detail: '{}'`,
// `JSON.stringify({})`) carries nothing but its type, a nudge such as "packs updated, refresh" that the next
// change sends again; one whose Source names a WebSocket fan-out (`Source: 'app.ws'`) is a live screen
// update of state already stored, as a `postToConnection` push is (rules/livePush.ts). rules/partialBatch.ts
// does not report PutEvents answers of only such entries.
import { calleeName, memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** `'{}'` or `JSON.stringify({})`: a Detail that holds nothing. */
function emptyDetail(ctx: ModuleContext, node: Node | undefined): boolean {
  const v = unwrap(ctx.valueOf(node) ?? node);
  if (v?.type === 'Literal') return typeof v.value === 'string' && v.value.replace(/\s/g, '') === '{}';
  if (v?.type !== 'CallExpression' || calleeName(v) !== 'stringify') return false;
  if (memberPath(v.callee)?.join('.') !== 'JSON.stringify') return false;
  const arg = unwrap((v.arguments as Node[])[0]);
  return arg?.type === 'ObjectExpression' && (arg.properties as Node[]).length === 0;
}

/** A Source naming a WebSocket or realtime fan-out as one of its segments: `hello.ws`, `app.websocket`. */
const LIVE_SOURCE = /(^|[.:/_-])(ws|websockets?|realtime)([.:/_-]|$)/i;

/** `Source: 'hello.ws'`: the entry feeds live pushes to connected clients. */
function livePushSource(ctx: ModuleContext, node: Node | undefined): boolean {
  const v = unwrap(ctx.valueOf(node) ?? node);
  return v?.type === 'Literal' && typeof v.value === 'string' && LIVE_SOURCE.test(v.value);
}

/**
 * The PutEvents request `params` lists its entries in an array literal and every one has an empty Detail:
 * only hints or live pushes are sent. Entries built elsewhere (`events.map(...)`) are not known to be hints.
 * @example
 * onlyHints(ctx, parse("({ Entries: [{ DetailType: 'packs.updated', Detail: '{}' }] })")) // true
 */
export function onlyHints(ctx: ModuleContext, params: Node | undefined): boolean {
  const entries = objectProps(ctx.valueOf(params) ?? params)?.props.get('Entries');
  const list = unwrap(ctx.valueOf(entries) ?? entries);
  if (list?.type !== 'ArrayExpression' || (list.elements as Node[]).length === 0) return false;
  return (list.elements as (Node | null)[]).every((e) => {
    const entry = objectProps(ctx.valueOf(e ?? undefined) ?? e ?? undefined);
    if (entry === undefined || entry.spread) return false;
    return emptyDetail(ctx, entry.props.get('Detail')) || livePushSource(ctx, entry.props.get('Source'));
  });
}
