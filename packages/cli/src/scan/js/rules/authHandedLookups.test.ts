// What handedLookup reads a function as handing back: the database read at the root of the chain it
// returns unawaited, and nothing for a local value, a fired-and-forgotten read or one in a callback.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { handedLookup } from './authHandedLookups.js';

/** handedLookup of the module's function declaration or const arrow named `f`. */
function handed(source: string): string | undefined {
  const ctx = contextOf(source);
  const fn = ctx.functionOf({ type: 'Identifier', name: 'f', start: 0, end: 0 } as Node);
  return handedLookup(ctx, fn);
}

describe('handedLookup', () => {
  it('reads an arrow that hands back a Prisma read', () => {
    expect(handed('const f = (k) => prisma.user.findFirst({ where: { k } });')).toBe(
      'the user.findFirst() lookup (database)',
    );
  });

  it('reads a function returning a Drizzle chain from its root select().from()', () => {
    expect(handed('function f(h) { return db.select().from(keys).where(eq(keys.h, h)).limit(1); }')).toBe(
      'the db.select() query (database)',
    );
  });

  it('reads a Kysely chain from its root selectFrom()', () => {
    expect(handed("const f = (id) => db.selectFrom('users').where('id', '=', id).executeTakeFirst();")).toBe(
      'the db.selectFrom() query (database)',
    );
  });

  it('reads an aws-sdk v2 read handed back with .promise()', () => {
    expect(handed('const f = (id) => dynamo.get({ Key: { id } }).promise();')).toBe('dynamo.get() (AWS)');
  });

  it('leaves a local value, a read not returned and one inside a callback alone', () => {
    expect(handed('const f = (id) => names.get(id) ?? null;')).toBeUndefined();
    expect(
      handed('function f(id) { prisma.user.findFirst({ where: { id } }); return true; }'),
    ).toBeUndefined();
    expect(
      handed('function f(ids) { return ids.map((id) => prisma.user.findFirst({ where: { id } })); }'),
    ).toBeUndefined();
  });

  it('leaves a select that is not a query builder (no .from) alone', () => {
    expect(handed('const f = () => db.select("#main");')).toBeUndefined();
  });

  it("leaves a read of the module's own Map, LRU or object cache alone, but not a cache client's", () => {
    expect(handed('const cache = new Map(); const f = (k) => cache.get(k);')).toBeUndefined();
    expect(
      handed('const tickerCache = new LRUCache({ max: 9 }); const f = (k) => tickerCache.get(k)!;'),
    ).toBeUndefined();
    expect(handed('const cache = {}; const f = (k) => cache.get(k);')).toBeUndefined();
    expect(handed('const cache = createClient(); const f = (k) => cache.get(k);')).toBe(
      'the cache.get() lookup (cache)',
    );
  });
});
