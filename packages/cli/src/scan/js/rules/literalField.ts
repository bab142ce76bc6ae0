// A field read from a record built in plain sight: `offer.offerId` after `const offer = { offerId: uuidv4(),
// vendorId: vendor.vendorId }`. The random-id rule judges such a read by the one property it reads, not by
// the whole record (a record with a random id made every other field read from it random: `offer.vendorId`
// was reported as a random event id), and reports a random one where the property makes it, the line to
// change: the record's own key, once, rather than each event field that copies it (r58 anchor).
import { type Node, objectProps, propertyName, someDescendant, unwrap } from '../ast.js';
import type { Binding, ModuleContext } from '../ModuleContext.js';

/**
 * The values the field that `member` reads can hold, when its object is a `const` object literal (through
 * `as`, `!`, `?.` and parentheses; a dot or a string key, `offer['vendorId']`): the literal's own property,
 * then each later `offer.f = value` of the same record. Empty when neither sets it; undefined when the read
 * is no such field, or a spread (or a dynamic key) after the property, or anywhere when the literal has no
 * such property, may carry it: then the whole record is judged.
 * @example
 * // const offer = { offerId: uuidv4(), vendorId: vendor.vendorId }; publish({ id: offer.offerId })
 * literalField(ctx, offerDotOfferId) // [the `uuidv4()` call]
 */
export function literalField(ctx: ModuleContext, member: Node | undefined): readonly Node[] | undefined {
  const m = unwrap(member);
  if (m?.type !== 'MemberExpression') return undefined;
  const object = unwrap(m.object as Node);
  const name = propertyName(m.property as Node, m.computed as boolean);
  if (object?.type !== 'Identifier' || name === undefined) return undefined;
  const binding = ctx.resolve(object.name as string, object);
  if (binding?.kind !== 'const' || binding.init === undefined) return undefined;
  const init = unwrap(binding.init as Node);
  const record = objectProps(init);
  if (init === undefined || record === undefined) return undefined;
  const own = record.props.get(name);
  const open = (p: Node) =>
    p.type === 'SpreadElement' || propertyName(p.key as Node, p.computed as boolean) === undefined;
  if (
    record.spread &&
    (init.properties as Node[]).some((p) => open(p) && (own === undefined || p.start > own.start))
  )
    return undefined;
  return [...(own === undefined ? [] : [own]), ...(assignments(ctx, binding).get(name) ?? [])];
}

const ASSIGNED = new WeakMap<Node, Map<string, Node[]>>();

/** The values assigned to fields of the record `binding` holds (`offer.vendorId = r.messageId`), by field. */
function assignments(ctx: ModuleContext, binding: Binding): Map<string, Node[]> {
  const known = ASSIGNED.get(binding.declaration);
  if (known !== undefined) return known;
  const byField = new Map<string, Node[]>();
  someDescendant(binding.scope, (n) => {
    if (n.type !== 'AssignmentExpression') return false;
    const left = unwrap(n.left as Node);
    const object = left?.type === 'MemberExpression' ? unwrap(left.object as Node) : undefined;
    if (object?.type !== 'Identifier' || object.name !== binding.name) return false;
    const field = propertyName(left?.property as Node, left?.computed as boolean);
    if (field === undefined || ctx.resolve(binding.name, object) !== binding) return false;
    byField.set(field, [...(byField.get(field) ?? []), n.right as Node]);
    return false;
  });
  ASSIGNED.set(binding.declaration, byField);
  return byField;
}
