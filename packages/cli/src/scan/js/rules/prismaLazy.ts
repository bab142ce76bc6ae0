// floating-promise for Prisma Client: its queries are lazy (a PrismaPromise runs only when awaited or
// `.then`-ed), so a query written as a statement never runs, and `$disconnect()` returns a promise.
import { type Node, unwrap } from '../ast.js';

/**
 * Prisma Client's own methods: queries are lazy (a PrismaPromise runs only when awaited or `.then`-ed),
 * and `$disconnect()` / `$connect()` return promises. `db.$disconnect()`, `prisma.user.deleteMany(...)`.
 */
export function prismaCall(call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return false;
  const name = callee.property?.name as string | undefined;
  if (name === undefined) return false;
  if (
    /^\$(disconnect|connect|transaction|executeRaw|queryRaw|executeRawUnsafe|queryRawUnsafe|runCommandRaw)$/.test(
      name,
    )
  )
    return true;
  // `client.model.op(...)`: a model delegate, named by Prisma's documented operations.
  return (
    unwrap(callee.object)?.type === 'MemberExpression' &&
    /^(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|createMany|createManyAndReturn|updateMany|deleteMany|upsert)$/.test(
      name,
    )
  );
}
