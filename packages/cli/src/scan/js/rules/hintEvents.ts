// EventBridge entries whose Detail is empty (`Detail: '{}'`, `JSON.stringify({})`) carry nothing but their
// type: a change notice whose receiver reads the current state itself, so a lost one holds no data only it had.
// rules/partialBatch.ts does not report PutEvents answers of only such entries. A Source name (`app.ws`) is
// not taken as a live push: the name says nothing of what the bus rule for it feeds.
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

/**
 * The PutEvents request `params` lists its entries in an array literal and every one has an empty Detail:
 * only change notices are sent. Entries built elsewhere (`events.map(...)`) are not known to be hints.
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
    return emptyDetail(ctx, entry.props.get('Detail'));
  });
}
