// mayCallRandom remembers its answer per module: asked of two modules in turn, each must keep its own.
import { describe, expect, it } from 'vitest';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf as parsedContext } from '../testing/parsed.js';
import { generatedAt, isRandom, mayCallRandom } from './randomValues.js';

function contextOf(source: string): ModuleContext {
  return parsedContext(source, 'm.js');
}

describe('mayCallRandom', () => {
  it('answers each module on its own when two alternate (A, B, A)', () => {
    // Prepare
    const random = contextOf("import { v4 } from 'uuid';\nexport const newId = () => v4();");
    const plain = contextOf('export const add = (a, b) => a + b;');

    // Act
    const answers = [random, plain, random, plain].map((ctx) => mayCallRandom(ctx));

    // Assess
    expect(answers).toEqual([true, false, true, false]);
  });
});

describe('generatedAt', () => {
  const lineOf = (ctx: ModuleContext) => {
    const prop = ctx.of('Property').find((p) => p.key?.name === 'Key');
    if (prop === undefined) throw new Error('no Key property');
    return ctx.position(generatedAt(ctx, prop).start as number).line;
  };

  it('follows a composed constant to the random name it holds', () => {
    // Prepare
    const source = [
      "import { randomUUID } from 'crypto';",
      'export async function put(s3, owner, body) {',
      '  const documentId = randomUUID();',
      `  const fileKey = \`\${owner}/\${documentId}\`;`,
      '  await s3.putObject({ Bucket: "b", Key: fileKey, Body: body });',
      '}',
    ].join('\n');
    const ctx = contextOf(source);

    // Act
    const line = lineOf(ctx);

    // Assess
    expect(line).toBe(3);
  });

  it('stays at the constant when its random part is written inline', () => {
    // Prepare
    const source = [
      'export async function put(s3, owner, body) {',
      `  const fileKey = \`\${owner}/\${Date.now()}\`;`,
      '  await s3.putObject({ Bucket: "b", Key: fileKey, Body: body });',
      '}',
    ].join('\n');
    const ctx = contextOf(source);

    // Act
    const line = lineOf(ctx);

    // Assess
    expect(line).toBe(2);
  });
});

describe('isRandom of a field read from a record literal', () => {
  /** Is the value of the event's `Out` property random? */
  const outRandom = (lines: string[]) => {
    const ctx = parsedContext(["import { v4 as uuidv4 } from 'uuid';", ...lines].join('\n'), 'm.ts');
    const prop = ctx.of('Property').find((p) => p.key?.name === 'Out');
    return isRandom(ctx, prop?.value);
  };

  it.each([
    // The field's own value, names in it resolved as in a value written directly.
    [
      [
        'const id = uuidv4();',
        `const offer = { offerId: \`O#\${id}\`, v: 1 };`,
        'emit({ Out: offer.offerId });',
      ],
      true,
    ],
    [
      ['const offer = { offerId: uuidv4(), vendorId: v.id };', 'emit({ Out: (offer as Offer).vendorId });'],
      false,
    ],
    [['const offer = { offerId: uuidv4(), vendorId: v.id };', 'emit({ Out: offer!.vendorId });'], false],
    [['const offer = { offerId: uuidv4(), vendorId: v.id };', "emit({ Out: offer['vendorId'] });"], false],
    [
      [
        'const offer = { offerId: uuidv4() };',
        'offer.vendorId = r.messageId;',
        'emit({ Out: offer.vendorId });',
      ],
      false,
    ],
    // A spread after the field may carry a random one: the whole record is judged.
    [['const offer = { vendorId: v.id, ...{ offerId: uuidv4() } };', 'emit({ Out: offer.vendorId });'], true],
  ])('%j -> %s', (lines, expected) => {
    // Act
    const random = outRandom(lines as string[]);

    // Assess
    expect(random).toBe(expected);
  });
});
