// Which catch statements are a database transaction's rollback (transactionRollback).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { firstOfType } from '../testing/parsed.js';
import { transactionRollback } from './transactionRollback.js';

describe('transactionRollback', () => {
  it.each([
    ['an awaited rollback', 'await transaction.rollback();', true],
    ['a rollback left unawaited', 't.rollback();', true],
    ['TypeORM', 'await queryRunner.rollbackTransaction();', true],
    ['a MongoDB session', 'await session.abortTransaction();', true],
    ['a compensation function', 'await rollbackOrder(id);', false],
    ['a project function named rollback', 'await rollback(orderId);', false],
    ['a rollback to a savepoint', "await t.rollback('sp1');", true],
    ['a commit', 'await transaction.commit();', false],
    ['a log line', 'console.error(err);', false],
  ])('%s', (_name, source, expected) => {
    // Prepare
    const statement = firstOfType(`async function f() { ${source} }`, 'ExpressionStatement', 'm.js');
    // Act, Assess
    expect(transactionRollback(statement as Node)).toBe(expected);
  });
});
