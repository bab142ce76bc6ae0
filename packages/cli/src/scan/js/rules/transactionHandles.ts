// A transaction's handle is the database client it was opened on: Drizzle's and Knex's
// `db.transaction(async (tx) => { await tx.insert(t).values(row) })`, Prisma's `prisma.$transaction(async
// (tx) => tx.order.create({ data }))`, TypeORM's `manager.transaction(async (m) => m.insert(E, row))`. A rule
// that knows a client by its name (insert-no-upsert's `db`, `prisma`, `knex`) reads the handle's calls as
// the client's.
import { memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const TRANSACTION = new Set(['transaction', '$transaction']);

/**
 * The member path of the client whose transaction callback declares `id` as its first parameter
 * (`db.transaction(async (tx) => ...)`: `tx` -> `['db']`), or undefined.
 */
function transactionOwner(ctx: ModuleContext, id: Node): string[] | undefined {
  const binding = ctx.resolve(id.name as string, id);
  if (binding?.kind !== 'param') return undefined;
  const fn = binding.scope;
  if ((fn.params as Node[] | undefined)?.[0] !== binding.declaration) return undefined;
  const call = ctx.parentOf(fn);
  if (call?.type !== 'CallExpression' || (call.arguments as Node[])[0] !== fn) return undefined;
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'MemberExpression') return undefined;
  if (!TRANSACTION.has(propertyName(callee.property as Node, callee.computed as boolean) ?? ''))
    return undefined;
  return memberPath(unwrap(callee.object as Node));
}

/**
 * The member path of a call's callee, with a transaction handle at its root read as the client it was opened
 * on: `tx.insert` inside `db.transaction(async (tx) => ...)` -> `['db', 'insert']`.
 *
 * @example
 * clientPath(ctx, call.callee) // prisma.$transaction(async (tx) => tx.order.create(...)) -> ['prisma', 'order', 'create']
 */
export function clientPath(ctx: ModuleContext, callee: Node | undefined): string[] | undefined {
  const path = memberPath(callee);
  let root = unwrap(callee);
  while (root?.type === 'MemberExpression') root = unwrap(root.object as Node);
  if (path === undefined || root?.type !== 'Identifier') return path;
  const owner = transactionOwner(ctx, root);
  return owner === undefined ? path : [...owner, ...path.slice(1)];
}
