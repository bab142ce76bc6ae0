// insert-no-upsert's answered duplicates: an insert whose duplicate-key failure the code catches on purpose
// (the natural key makes the redelivery a no-op) is settled, not a plain insert.
import { type Node, propertyName } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * A duplicate-key failure, as drivers and ORMs name it: Postgres 23505, MySQL ER_DUP_ENTRY / 1062, Mongo
 * E11000 / 11000, Prisma P2002, Sequelize/TypeORM unique-constraint errors, SQLite's UNIQUE constraint.
 */
const DUPLICATE_KEY =
  /\b23505\b|ER_DUP_ENTRY|\b1062\b|E11000|\b11000\b|\bP2002\b|UniqueConstraint|unique[_\s-]?violation|UNIQUE constraint|duplicate key|DuplicateKey/i;

/**
 * The insert sits in a try whose catch recognises a duplicate key: the natural key is what makes the
 * redelivery a no-op, and the duplicate is answered on purpose.
 */
export function duplicateAnswered(ctx: ModuleContext, node: Node): boolean {
  for (let c = node, p = ctx.parentOf(node); p !== undefined; c = p, p = ctx.parentOf(p)) {
    if (p.type === 'TryStatement' && p.block === c && p.handler != null) {
      const h = p.handler as Node;
      if (DUPLICATE_KEY.test(ctx.source.slice(h.start, h.end))) return true;
    }
    // `insert(...).catch((e) => { if (e.code === '23505') return; throw e })`.
    const call = ctx.parentOf(p);
    if (
      p.type === 'MemberExpression' &&
      p.object === c &&
      propertyName(p.property as Node, p.computed as boolean) === 'catch' &&
      call?.type === 'CallExpression'
    ) {
      const handler = (call.arguments as Node[])[0];
      if (handler !== undefined && DUPLICATE_KEY.test(ctx.source.slice(handler.start, handler.end)))
        return true;
    }
  }
  return false;
}
