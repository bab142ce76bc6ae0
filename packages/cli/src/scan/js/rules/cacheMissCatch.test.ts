import { describe, expect, it } from 'vitest';
import { importedPackages } from '../../importedCacheClients.js';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { cacheMissOrigin } from './cacheMissCatch.js';

/** The origin cacheMissOrigin answers for the module's first catch. */
function originOfFirstCatch(source: string) {
  const ctx = contextOf(source, 'cache.js');
  const handler = ctx.of('CatchClause')[0] as Node;
  return cacheMissOrigin(ctx, handler, ctx.parentOf(handler) as Node);
}

const LOCAL = `const Redis = require('ioredis');\nconst redis = new Redis(process.env.URL);\n`;

describe('cacheMissOrigin', () => {
  it('takes a logged null after a GET on a client built here for a miss', () => {
    // Arrange
    const source = `${LOCAL}async function get(key) { try { const d = await redis.get(key); return d && JSON.parse(d); } catch (e) { console.warn(e); return null; } }`;

    // Act
    const origin = originOfFirstCatch(source);

    // Assert
    expect(origin).toEqual({ kind: 'local' });
  });

  it('follows a client and its pipeline back to the project module that hands it out', () => {
    // Arrange
    const source = `const conn = require('./redisConnection');\nasync function delMany(keys) { try { const c = await conn.getClient(); const p = c.pipeline(); keys.forEach((k) => p.del(k)); await p.exec(); return true; } catch (e) { console.warn(e); return false; } }`;

    // Act
    const origin = originOfFirstCatch(source);

    // Assert
    expect(origin).toEqual({
      kind: 'import',
      ref: { from: 'cache.js', source: './redisConnection', name: 'default' },
    });
  });

  it.each([
    ['a lock acquire', `await redis.set(key, 'me', 'EX', 30, 'NX'); return 'me';`, 'return null;'],
    ['a publish', 'return await redis.publish(key, "m");', 'return 0;'],
    ['a fixed key', "return (await redis.get('paused')) === 'true';", 'return false;'],
    ['a fail-open answer', 'return { allowed: (await redis.incr(key)) < 10 };', 'return { allowed: true };'],
    ['a rethrow', 'return await redis.get(key);', 'throw e;'],
    ['a project function on the client', 'return await redis.loadSession(key);', 'return null;'],
  ])('keeps %s', (_, work, answer) => {
    // Arrange
    const source = `${LOCAL}async function f(key) { try { ${work} } catch (e) { console.warn(e); ${answer} } }`;

    // Act
    const origin = originOfFirstCatch(source);

    // Assert
    expect(origin).toBeUndefined();
  });

  it('keeps a try that also reaches a store that is not the cache', () => {
    // Arrange
    const source = `${LOCAL}const db = require('./db');\nasync function f(key) { try { await redis.del(key); await db.query(key); return true; } catch (e) { console.warn(e); return false; } }`;

    // Act
    const origin = originOfFirstCatch(source);

    // Assert
    expect(origin).toBeUndefined();
  });
});

describe('importedPackages', () => {
  it('lists the packages a module requires or imports, not its relative imports', () => {
    // Arrange
    const text = "const Redis = require('ioredis');\nimport { log } from './log';\nimport pg from 'pg';";

    // Act
    const packages = importedPackages(text);

    // Assert
    expect(packages).toEqual(['ioredis', 'pg']);
  });
});
