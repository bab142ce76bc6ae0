// floating-promise for Prisma Client: its queries are lazy (a PrismaPromise runs only when awaited or
// `.then`-ed), so a query written as a statement never runs, and `$disconnect()` returns a promise.
import { escapeRegExp } from '../../escapeRegExp.js';
import { type Node, unwrap } from '../ast.js';

/** The client's own methods: `$disconnect()` / `$connect()` and the raw queries answer promises. */
export const PRISMA_CLIENT_METHODS = [
  '$disconnect',
  '$connect',
  '$transaction',
  '$executeRaw',
  '$queryRaw',
  '$executeRawUnsafe',
  '$queryRawUnsafe',
  '$runCommandRaw',
];
/** A model delegate's documented operations whose names no other common client shares. */
export const PRISMA_MODEL_OPERATIONS = [
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'createMany',
  'createManyAndReturn',
  'updateMany',
  'deleteMany',
  'upsert',
];
const CLIENT = new Set(PRISMA_CLIENT_METHODS);
const MODEL = new Set(PRISMA_MODEL_OPERATIONS);

/**
 * Prisma Client's own methods: queries are lazy (a PrismaPromise runs only when awaited or `.then`-ed),
 * and `$disconnect()` / `$connect()` return promises. `db.$disconnect()`, `prisma.user.deleteMany(...)`.
 */
export function prismaCall(call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return false;
  const name = callee.property?.name as string | undefined;
  if (name === undefined) return false;
  if (CLIENT.has(name)) return true;
  // `client.model.op(...)`: a model delegate, named by Prisma's documented operations.
  return unwrap(callee.object)?.type === 'MemberExpression' && MODEL.has(name);
}

/** Text of a Prisma query: floating.ts's kept-promise check runs only where one may be. */
export const PRISMA_METHODS = [...PRISMA_CLIENT_METHODS, ...PRISMA_MODEL_OPERATIONS];
export const PRISMA_QUERY = new RegExp(`\\.\\s*(?:${PRISMA_METHODS.map(escapeRegExp).join('|')})\\s*[(<]`);
