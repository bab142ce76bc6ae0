import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { literalField } from './literalField.js';

/** The property `literalField` finds for the last member read `x.<field>` of the source, as its source text. */
const fieldOf = (source: string): string | undefined => {
  const ctx = contextOf(source);
  // The last member read of the source (the index keeps no member expressions: walk for them).
  let read: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'MemberExpression' && (read === undefined || n.start > read.start)) read = n;
    return false;
  });
  const found = literalField(ctx, read);
  return found === undefined ? undefined : ctx.source.slice(found.start, found.end);
};

describe('literalField', () => {
  it.each([
    ['const offer = { offerId: uuidv4(), vendorId: v.id }; emit(offer.vendorId);', 'vendorId: v.id'],
    ['const offer = { offerId: uuidv4(), vendorId: v.id }; emit(offer.offerId);', 'offerId: uuidv4()'],
    ['const offer = { ...base, offerId: uuidv4() }; emit(offer.offerId);', 'offerId: uuidv4()'],
    // A later spread may carry the same key and win.
    ['const offer = { offerId: uuidv4(), ...base }; emit(offer.offerId);', undefined],
    ['let offer = { offerId: uuidv4() }; emit(offer.offerId);', undefined],
    ['const offer = make(); emit(offer.offerId);', undefined],
    ['const offer = { offerId: uuidv4() }; emit(offer[key]);', undefined],
    ['const offer = { offerId: uuidv4() }; emit(offer.other);', undefined],
  ])('%s -> %s', (source, expected) => {
    // Act
    const found = fieldOf(source);

    // Assess
    expect(found).toBe(expected);
  });
});
