import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { literalField } from './literalField.js';

/** The values `literalField` finds for the last member read `x.<field>` of the source, as source text. */
const fieldOf = (source: string): string | undefined => {
  const ctx = contextOf(source);
  // The last member read of the source (the index keeps no member expressions: walk for them).
  let read: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'MemberExpression' && (read === undefined || n.start > read.start)) read = n;
    return false;
  });
  const found = literalField(ctx, read);
  return found?.map((v) => ctx.source.slice(v.start, v.end)).join(' | ');
};

describe('literalField', () => {
  it.each([
    ['const offer = { offerId: uuidv4(), vendorId: v.id }; emit(offer.vendorId);', 'v.id'],
    ['const offer = { offerId: uuidv4(), vendorId: v.id }; emit(offer.offerId);', 'uuidv4()'],
    ['const offer = { ...base, offerId: uuidv4() }; emit(offer.offerId);', 'uuidv4()'],
    // Through `as`, `!` and a string key, as a dot read is.
    ['const offer = { offerId: uuidv4(), vendorId: v.id }; emit((offer as Offer).vendorId);', 'v.id'],
    ['const offer = { offerId: uuidv4(), vendorId: v.id }; emit(offer!.vendorId);', 'v.id'],
    ["const offer = { offerId: uuidv4(), vendorId: v.id }; emit(offer['vendorId']);", 'v.id'],
    ['const offer = { offerId: uuidv4(), vendorId: v.id } as Offer; emit(offer.vendorId);', 'v.id'],
    // A field set after the literal holds that value too; one the record never sets holds nothing.
    [
      'const offer = { offerId: uuidv4() }; offer.vendorId = r.messageId; emit(offer.vendorId);',
      'r.messageId',
    ],
    ['const offer = { offerId: uuidv4() }; emit(offer.other);', ''],
    // A dynamic key after the field may be the same key.
    ['const offer = { vendorId: v.id, [k]: uuidv4() }; emit(offer.vendorId);', undefined],
    // A later spread may carry the same key and win.
    ['const offer = { offerId: uuidv4(), ...base }; emit(offer.offerId);', undefined],
    ['let offer = { offerId: uuidv4() }; emit(offer.offerId);', undefined],
    ['const offer = make(); emit(offer.offerId);', undefined],
    ['const offer = { offerId: uuidv4() }; emit(offer[key]);', undefined],
  ])('%s -> %s', (source, expected) => {
    // Act
    const found = fieldOf(source);

    // Assess
    expect(found).toBe(expected);
  });
});
