// SDK client options kept in a `let` the module assigns in branches (`if (process.env.IS_OFFLINE) params =
// {...} else params = {...}`) are read as the ternary they spell: every value merged, as optionsShape does.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { optionsShape } from './sdkOptions.js';
import { contextOf } from './testing/parsed.js';

/** The options shape of the one `new S3Client(params)` after `declarations`. */
function shapeOf(declarations: string) {
  const ctx = contextOf(`${declarations}\nconst client = new S3Client(params);`);
  const made = ctx.of('NewExpression').find((n) => (n.callee as Node).name === 'S3Client') as Node;
  return optionsShape(ctx, (made.arguments as Node[])[0]);
}

describe('optionsShape of a let assigned in branches', () => {
  it('merges the keys of every branch, seen in full', () => {
    // Act
    const shape = shapeOf(
      "let params;\nif (process.env.IS_OFFLINE) { params = { endpoint: 'http://localhost:4569', region: 'r' }; } else { params = { region: 'r' }; }",
    );

    // Assess
    expect(shape.unknown).toBe(false);
    expect([...shape.props.keys()].sort()).toEqual(['endpoint', 'region']);
  });

  it('counts a request handler set on either branch', () => {
    const shape = shapeOf('let params;\nif (local) params = {};\nelse params = { requestHandler: h };');
    expect(shape.props.has('requestHandler')).toBe(true);
  });

  it.each([
    ['a let never assigned', 'let params;'],
    ['a let written by a compound write', 'let params;\nparams ||= other;\nparams += 1;'],
    ['a branch value out of sight', 'let params;\nif (local) params = {};\nelse params = load();'],
  ])('stays out of sight for %s', (_name, declarations) => {
    expect(shapeOf(declarations).unknown).toBe(true);
  });
});
