// The rule gate for random-id-nondeterministic lets in what the entity factory rule reads (entityFactoryIds.ts).
import { describe, expect, it } from 'vitest';
import { randomKey } from './randomKeyGate.js';
import { SourceWords } from './SourceWords.js';

const entity = (factory: string) =>
  [
    "import * as uuid from 'uuid';",
    'export class B2 {',
    '  constructor(public readonly bookingId: string, public readonly orderId: string) {}',
    `  static create(orderId: string) { ${factory} }`,
    '}',
  ].join('\n');

describe('randomKey', () => {
  it.each([
    ['a first-argument literal', 'return new B2(uuid.v4(), orderId);'],
    ['a const handed to the constructor', 'const bookingId = uuid.v4(); return new B2(bookingId, orderId);'],
    ['a sized nanoid', 'return new B2(nanoid(12), orderId);'],
  ])('lets in an entity factory with %s', (_name, factory) => {
    expect(randomKey(new SourceWords(entity(factory)))).toBe(true);
  });

  it('leaves a module that builds a class with no static member and names no key', () => {
    const source =
      "import { v4 } from 'uuid';\nexport function make(o: string) { return new Thing(o, v4().length); }";
    expect(randomKey(new SourceWords(source))).toBe(false);
  });
});
