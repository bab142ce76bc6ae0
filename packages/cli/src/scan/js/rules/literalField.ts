// A field read from a record built in plain sight: `offer.offerId` after `const offer = { offerId: uuidv4(),
// vendorId: vendor.vendorId }`. The random-id rule judges such a read by the one property it reads, not by
// the whole record (a record with a random id made every other field read from it random: `offer.vendorId`
// was reported as a random event id), and reports a random one where the property makes it, the line to
// change: the record's own key, once, rather than each event field that copies it (r58 anchor).
import { type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The property of a `const` object literal that `member` (`x.f`, not computed) reads, or undefined when
 * `x` is no such literal, has no `f` of its own, or a spread after `f` may override it.
 * @example
 * // const offer = { offerId: uuidv4(), vendorId: vendor.vendorId }; publish({ id: offer.offerId })
 * literalField(ctx, offerDotOfferId) // the `offerId: uuidv4()` property
 */
export function literalField(ctx: ModuleContext, member: Node | undefined): Node | undefined {
  const m = unwrap(member);
  if (m?.type !== 'MemberExpression' || m.computed) return undefined;
  const object = unwrap(m.object as Node);
  const name = propertyName(m.property as Node);
  if (object?.type !== 'Identifier' || name === undefined) return undefined;
  const binding = ctx.resolve(object.name as string, object);
  if (binding?.kind !== 'const' || binding.init === undefined) return undefined;
  const init = unwrap(binding.init as Node);
  if (init?.type !== 'ObjectExpression') return undefined;
  let found: Node | undefined;
  for (const p of init.properties as Node[]) {
    // A spread after the property may carry the same key and win.
    if (p.type === 'SpreadElement') found = undefined;
    else if (propertyName(p.key as Node, p.computed as boolean) === name) found = p;
  }
  return found;
}
