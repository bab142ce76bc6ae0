// When secondOfDynamoPair folds the raw DynamoDB client into the DocumentClient built before it.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { secondOfDynamoPair } from './sharedDynamoOptions.js';

/**
 * secondOfDynamoPair for each `new` of `source`, in order, named by its callee text; the `new`s at the
 * indexes in `unreported` stand for clients the rule skipped (every other one counts as reported).
 */
function pairs(source: string, unreported: readonly number[] = []): boolean[] {
  const ctx = contextOf(source, 'm.js');
  const all = ctx.of('NewExpression');
  const reported = new Set(all.filter((_: Node, i: number) => !unreported.includes(i)));
  return all.map((n: Node) => {
    const callee = n.callee as Node;
    const name = ctx.source.slice(callee.start as number, callee.end as number);
    return secondOfDynamoPair(ctx, n, name, reported);
  });
}

describe('secondOfDynamoPair', () => {
  it('folds the second of a pair built from one options variable', () => {
    expect(
      pairs('function f(p) { const d = new AWS.DynamoDB.DocumentClient(p); const r = new AWS.DynamoDB(p); }'),
    ).toEqual([false, true]);
  });

  it('folds a DocumentClient built after its raw client', () => {
    expect(
      pairs('function f(p) { const r = new AWS.DynamoDB(p); const d = new AWS.DynamoDB.DocumentClient(p); }'),
    ).toEqual([false, true]);
  });

  it('keeps the second when the first was not reported (unread, bounded, or not an SDK client)', () => {
    expect(
      pairs(
        'function f(p) { const d = new AWS.DynamoDB.DocumentClient(p); const r = new AWS.DynamoDB(p); }',
        [0],
      ),
    ).toEqual([false, false]);
    expect(
      pairs(
        'function f(p) { const r = new AWS.DynamoDB(p); const d = new AWS.DynamoDB.DocumentClient(p); }',
        [0],
      ),
    ).toEqual([false, false]);
  });

  it('keeps both when a shadowing parameter names another options object', () => {
    expect(
      pairs('function f(p) { new AWS.DynamoDB.DocumentClient(p); [1].map((p) => new AWS.DynamoDB(p)); }'),
    ).toEqual([false, false]);
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
