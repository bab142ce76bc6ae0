// When secondOfDynamoPair folds the raw DynamoDB client into the DocumentClient built before it.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { secondOfDynamoPair } from './sharedDynamoOptions.js';

/** secondOfDynamoPair for each `new` of `source`, in order, named by its callee text. */
function pairs(source: string): boolean[] {
  const ctx = contextOf(source, 'm.js');
  return ctx.of('NewExpression').map((n: Node) => {
    const callee = n.callee as Node;
    return secondOfDynamoPair(ctx, n, ctx.source.slice(callee.start as number, callee.end as number));
  });
}

describe('secondOfDynamoPair', () => {
  it('folds the second of a pair built from one options variable', () => {
    expect(
      pairs('function f(p) { const d = new AWS.DynamoDB.DocumentClient(p); const r = new AWS.DynamoDB(p); }'),
    ).toEqual([false, true]);
  });

  it.each([
    ['different options', 'function f(p, q) { new AWS.DynamoDB.DocumentClient(p); new AWS.DynamoDB(q); }'],
    ['literal options', 'function f() { new AWS.DynamoDB.DocumentClient({}); new AWS.DynamoDB({}); }'],
    ['two different services', 'function f(p) { new AWS.SQS(p); new AWS.SNS(p); }'],
    [
      'two document clients',
      'function f(p) { new AWS.DynamoDB.DocumentClient(p); new AWS.DynamoDB.DocumentClient(p); }',
    ],
    [
      'separate functions',
      'function f(p) { new AWS.DynamoDB.DocumentClient(p); }\nfunction g(p) { new AWS.DynamoDB(p); }',
    ],
  ])('keeps both: %s', (_, source) => {
    expect(pairs(source)).toEqual([false, false]);
  });
});
