import { describe, expect, it } from 'vitest';
import { calleeName } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { collectedBy } from './batchCollected.js';

/** The statement kind the `put(...)` promise's answer ends in when collected, or undefined. */
const collected = (body: string) => {
  const ctx = contextOf(`async function f(a, b) { ${body} }`);
  const put = ctx.of('CallExpression').find((c) => calleeName(c) === 'put');
  if (put === undefined) throw new Error('no put');
  const sent = ctx.climb(put, (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression');
  return collectedBy(ctx, sent)?.parent?.type;
};

describe('collectedBy', () => {
  it.each([
    [
      'held, then listed in a dropped Promise.all',
      'const p = put(a); await Promise.all([b, p]);',
      'ExpressionStatement',
    ],
    [
      'held, then listed in a Promise.allSettled',
      'const p = put(a); await Promise.allSettled([p]);',
      'ExpressionStatement',
    ],
    [
      'held, listed in a kept Promise.all',
      'const p = put(a); const out = await Promise.all([p]);',
      'VariableDeclarator',
    ],
    ['mapped into a Promise.all', 'await Promise.all([a, b].map((x) => put(x)));', 'ExpressionStatement'],
  ])('%s', (_why, body, expected) => {
    // Act
    const answer = collected(body);

    // Assess
    expect(answer).toBe(expected);
  });

  it.each([
    ['held and read apart', 'const p = put(a); await Promise.all([p]); log(await p);'],
    ['held and awaited alone', 'const p = put(a); await p;'],
    ['awaited into a name', 'const p = await put(a); await Promise.all([p]);'],
    ['held in a list handed elsewhere', 'const p = put(a); await settle([p]);'],
  ])('is not collected when %s', (_why, body) => {
    // Act
    const answer = collected(body);

    // Assess
    expect(answer).toBeUndefined();
  });
});
