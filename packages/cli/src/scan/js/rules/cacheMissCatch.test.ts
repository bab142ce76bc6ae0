// cacheMissOrigin: which catches of a Redis wrapper are a cache-aside miss or no-op (not reported), and which
// guard, lock or Redis-only record stays reported.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { cacheMissOrigin } from './cacheMissCatch.js';

/** The origin cacheMissOrigin answers for the first catch of `source`. */
function originOfFirstCatch(source: string, file = 'm.ts') {
  const ctx = contextOf(source, file);
  const handler = ctx.of('CatchClause')[0] as Node;
  return cacheMissOrigin(ctx, handler, ctx.parentOf(handler) as Node);
}

const IOREDIS = "import Redis from 'ioredis';\nconst redis = new Redis();\n";

describe('cacheMissOrigin', () => {
  it('a cache read answering null in a function that says cache is a miss on a local client', () => {
    // Act
    const origin = originOfFirstCatch(
      `${IOREDIS}export async function getCached(key: string) { try { return await redis.get(key) } catch (e) { console.warn(e); return null } }`,
    );

    // Assess
    expect(origin).toEqual({ kind: 'local' });
  });

  it('an exists-based revocation check answering false is a guard: reported', () => {
    expect(
      originOfFirstCatch(
        `${IOREDIS}export class TokenCache { async isRevoked(jti: string) { try { return (await redis.exists(\`bl:\${jti}\`)) === 1 } catch (e) { console.warn(e); return false } } }`,
      ),
    ).toBeUndefined();
  });

  it('an incr rate counter answering 0 is a guard: reported', () => {
    expect(
      originOfFirstCatch(
        `${IOREDIS}export async function cacheHits(ip: string) { try { return await redis.incr(\`rl:\${ip}\`) } catch (e) { console.warn(e); return 0 } }`,
      ),
    ).toBeUndefined();
  });

  it('a dynamic-key hold with no cache evidence is a record kept only in Redis: reported', () => {
    expect(
      originOfFirstCatch(
        `${IOREDIS}export async function holder(seatId: string) { try { return await redis.get(\`hold:\${seatId}\`) } catch (e) { console.warn(e); return null } }`,
      ),
    ).toBeUndefined();
  });

  it('a session read inside a cache class is still a Redis-only record: reported', () => {
    expect(
      originOfFirstCatch(
        `${IOREDIS}export class Cache { async getSession(id: string) { try { return await redis.get(\`session:\${id}\`) } catch (e) { console.warn(e); return null } } }`,
      ),
    ).toBeUndefined();
  });

  it('a set NX lock is reported', () => {
    expect(
      originOfFirstCatch(
        `${IOREDIS}export async function cacheLock(k: string) { try { return await redis.set(k, '1', 'EX', 30, 'NX') } catch (e) { console.warn(e); return null } }`,
      ),
    ).toBeUndefined();
  });

  it('a client kept in a field (`this.redis = new Redis()`) is followed, and a `cache:` key is evidence', () => {
    expect(
      originOfFirstCatch(
        "import Redis from 'ioredis';\nexport class Profiles { redis: Redis; constructor() { this.redis = new Redis() }\n async put(id: string, v: string) { try { await this.redis.set('cache:p:' + id, v); return true } catch (e) { console.warn(e); return false } } }",
      ),
    ).toEqual({ kind: 'local' });
  });

  it('a module-level redis v4 client assigned in a getter is followed', () => {
    expect(
      originOfFirstCatch(
        "import { createClient } from 'redis';\nlet client: any;\nfunction conn() { if (!client) client = createClient(); return client }\nexport async function cachedUser(id: string) { try { return await client.get(id) } catch (e) { console.warn(e); return null } }",
      ),
    ).toEqual({ kind: 'local' });
  });

  it('a getter from a project module is accepted only when its variable is the receiver of a command', () => {
    // Prepare
    const getter = "import conn from './redisClient';\nexport class UserCache {\n";

    // Act
    const used = originOfFirstCatch(
      `${getter} async get(k: string) { try { const c = await conn.getClient(); return await c.get(k) } catch (e) { console.warn(e); return null } } }`,
    );
    const other = originOfFirstCatch(
      `${getter} async get(k: string) { try { const rows = await conn.pending(); return rows } catch (e) { console.warn(e); return null } } }`,
    );

    // Assess
    expect(used).toEqual({ kind: 'import', ref: { from: 'm.ts', source: './redisClient', name: 'default' } });
    expect(other).toBeUndefined();
  });

  it('a read answering false or 0 is not a miss', () => {
    expect(
      originOfFirstCatch(
        `${IOREDIS}export async function getCachedCount(k: string) { try { return Number(await redis.get(k)) } catch (e) { console.warn(e); return 0 } }`,
      ),
    ).toBeUndefined();
  });
});
