// Named-parameter INSERTs (Aurora Data API shape) matched column by column to their parameter list.
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { namedColumnValues } from './sqlNamedParams.js';
import { randomSqlKeys } from './sqlParamKeys.js';

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

  it('skips a NULL parameter and a spread, and reads an id under a Postgres cast', () => {
    const params =
      "[...common, { name: 'bill_id', value: { stringValue: id } }, { name: 'note', value: { isNull: true } }]";
    expect(
      bound(params, ['bill_id', 'ref', 'note'], [':bill_id::uuid', 'CAST(:ref AS uuid)', ':note']),
    ).toEqual({
      bill_id: 'id',
    });
    expect(bound("[{ name: 'ref', value: { stringValue: id } }]", ['ref'], ['CAST(:ref AS uuid)'])).toEqual({
      ref: 'id',
    });
  });
});

/** The source text of the random ids randomSqlKeys finds in the first call of `code` that takes an SQL literal. */
function keys(code: string): string[] {
  const ctx = contextOf(`import { randomUUID } from 'node:crypto';\n${code}`);
  let call: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'CallExpression' && (n.arguments as Node[])[0]?.type === 'Literal') call ??= n;
    return false;
  });
  if (call === undefined) throw new Error('no call');
  return randomSqlKeys(ctx, call).map((k) => ctx.source.slice(k.start, k.end));
}

describe('randomSqlKeys', () => {
  const named =
    "[{ name: 'bill_id', value: { stringValue: randomUUID() } }, { name: 'ref', value: { stringValue: r } }]";

  it('reads a named list whatever the callee', () => {
    expect(keys(`statement('INSERT INTO b (bill_id, ref) VALUES (:bill_id, :ref)', ${named});`)).toEqual([
      'randomUUID()',
    ]);
  });

  it('is silent when the insert resolves on another key, named or positional', () => {
    expect(
      keys(
        `run('INSERT INTO b (bill_id, ref) VALUES (:bill_id, :ref) ON CONFLICT (ref) DO NOTHING', ${named});`,
      ),
    ).toEqual([]);
    expect(
      keys(
        "db.query('INSERT INTO b (id, ref) VALUES ($1, $2) ON DUPLICATE KEY UPDATE ref = ref', [randomUUID(), r]);",
      ),
    ).toEqual([]);
  });

  it('still reports an id that is itself the conflict target', () => {
    expect(
      keys(
        "db.query('INSERT INTO b (id, ref) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [randomUUID(), r]);",
      ),
    ).toEqual(['randomUUID()']);
  });
});
