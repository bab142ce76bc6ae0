import { describe, expect, it } from 'vitest';
import { calleeName, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { clientPath } from './transactionHandles.js';

/** The client path of the module's one call named `method`. */
const pathOf = (source: string, method: string) => {
  const ctx = contextOf(source);
  const call = ctx.of('CallExpression').find((c) => calleeName(c) === method) as Node;
  return clientPath(ctx, call.callee as Node)?.join('.');
};

describe('clientPath', () => {
  it.each([
    ['db.transaction(async (tx) => { await tx.insert(emails).values(row); });', 'insert', 'db.insert'],
    ['knex.transaction(async (t) => t.insert(row).into("orders"));', 'insert', 'knex.insert'],
    [
      'this.prisma.$transaction(async (tx) => tx.order.create({ data }));',
      'create',
      'this.prisma.order.create',
    ],
    ['db.transaction(async (tx: Tx) => tx.insert(emails).values(row));', 'insert', 'db.insert'],
  ])('reads a transaction handle as its client: %s', (source, method, expected) => {
    // Act
    const path = pathOf(source, method);

    // Assess
    expect(path).toBe(expected);
  });

  it.each([
    // Not the callback's first parameter, not a transaction, not a callback handed to one.
    ['db.transaction(async (tx, rows) => rows.insert(row));', 'insert', 'rows.insert'],
    ['queue.process(async (tx) => tx.insert(row));', 'insert', 'tx.insert'],
    ['const work = async (tx) => tx.insert(row); db.transaction(work);', 'insert', 'tx.insert'],
    ['export const save = (tx) => tx.insert(emails).values(row);', 'insert', 'tx.insert'],
  ])('leaves any other name as written: %s', (source, method, expected) => {
    // Act
    const path = pathOf(source, method);

    // Assess
    expect(path).toBe(expected);
  });
});
