// Which identifiers spelled like a variable are only member or key names.
import { describe, expect, it } from 'vitest';
import { forEachDescendant, type Node } from './ast.js';
import { isKeyName } from './keyNames.js';
import { contextOf } from './testing/parsed.js';

/** For each `S3` identifier of `source`, in source order: is it a key name? */
function keyNames(source: string): boolean[] {
  const ctx = contextOf(source);
  const named: Node[] = [];
  forEachDescendant(ctx.program, (n) => {
    if (n.type === 'Identifier' && n.name === 'S3') named.push(n);
    return true;
  });
  return named.sort((a, b) => (a.start as number) - (b.start as number)).map((n) => isKeyName(ctx, n));
}

describe('isKeyName', () => {
  it.each([
    ['the class member of the built client', 'const S3 = new AWS.S3();', [false, true]],
    ['a read of the variable', 'S3.upload(p);', [false]],
    ['a computed member', 'a[S3];', [false]],
    ['a property key', 'const o = { S3: 1 };', [true]],
    ['a shorthand property (key and value)', 'const o = { S3 };', [false, false]],
    ['a computed key', 'const o = { [S3]: 1 };', [false]],
    ['a class field', 'class A { S3 = 1 }', [true]],
  ])('%s', (_name, source, expected) => {
    // Act
    const found = keyNames(source);

    // Assess
    expect(found).toEqual(expected);
  });
});
