// Named-parameter INSERTs (Aurora Data API shape) matched column by column to their parameter list.
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { namedColumnValues } from './sqlNamedParams.js';

/** The names of the values bound per column of `INSERT (columns) VALUES (values)` in the `params` array literal. */
function bound(params: string, columns: string[], values: string[]): Record<string, string> | undefined {
  const ctx = contextOf(`const id = uuid(); const params = ${params};`);
  let array: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'ArrayExpression') array ??= n;
    return false;
  });
  if (array === undefined) throw new Error('no array');
  const map = namedColumnValues(ctx, columns, values, array);
  if (map === undefined) return undefined;
  return Object.fromEntries([...map].map(([c, v]) => [c, ctx.source.slice(v.start, v.end)]));
}

describe('namedColumnValues', () => {
  it('binds each :name to the typed value of its parameter', () => {
    const params =
      "[{ name: 'bill_id', value: { stringValue: id } }, { name: 'total', value: { doubleValue: 3 } }]";
    expect(bound(params, ['bill_id', 'total'], [':bill_id', ':total'])).toEqual({
      bill_id: 'id',
      total: '3',
    });
  });

  it('leaves out a column bound to a literal', () => {
    const params = "[{ name: 'bill_id', value: { stringValue: id } }]";
    expect(bound(params, ['bill_id', 'kind'], [':bill_id', "'x'"])).toEqual({ bill_id: 'id' });
  });

  it('is no named list when an element is a plain value (positional parameters)', () => {
    expect(bound('[id, 3]', ['bill_id', 'total'], ['$1', '$2'])).toBeUndefined();
  });
});
