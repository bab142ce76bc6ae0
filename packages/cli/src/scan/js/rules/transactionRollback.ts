// A catch's `await transaction.rollback()`: it undoes the uncommitted part of the failed work, so the
// database is left as before the call, but the work is still not done and nobody has been told. A catch
// that rolls back and then answers the failure as a value nobody reads swallows it as one that only logs
// (builtFailureAnswer.ts). A named compensation (`refundPayment()`) is other work and is not this.
import { calleeName, type Node, unwrap } from '../ast.js';

/** A database transaction's own undo: `t.rollback()`, `queryRunner.rollbackTransaction()`, `session.abortTransaction()`. */
const ROLLBACK_METHOD = /^(?:roll[bB]ack(?:Transaction)?|abortTransaction)$/;

/**
 * The statement is a transaction rollback, awaited or not: a method call on the transaction, session or
 * query runner, whatever its arguments (a rollback to a savepoint, `t.rollback('sp1')`, is still one). A bare
 * function of that name, `await rollback(orderId)`, is the project's own compensation and is not this.
 *
 * @example
 * transactionRollback(parse('await transaction.rollback();')) // true
 * transactionRollback(parse('await rollbackOrder(id);'))      // false: a function, not a transaction's method
 */
export function transactionRollback(statement: Node): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  let e = unwrap(statement.expression as Node);
  if (e?.type === 'AwaitExpression') e = unwrap(e.argument as Node);
  if (e?.type !== 'CallExpression' || unwrap(e.callee)?.type !== 'MemberExpression') return false;
  return ROLLBACK_METHOD.test(calleeName(e) ?? '');
}
