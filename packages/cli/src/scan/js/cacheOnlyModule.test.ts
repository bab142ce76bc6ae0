// cacheOnlyModule: the project pass trusts a handed-out client as a cache client only from a module that
// imports a cache package and reaches nothing else.
import { describe, expect, it } from 'vitest';
import { cacheOnlyModule } from './cacheOnlyModule.js';
import { contextOf } from './testing/parsed.js';

describe('cacheOnlyModule', () => {
  it('an ioredis connection module with a project logger is cache-only', () => {
    // Prepare
    const ctx = contextOf(
      "const Redis = require('ioredis');\nconst { log } = require('./log');\nmodule.exports = new Redis(process.env.URL);",
      'redisClient.js',
    );

    // Act / Assess
    expect(cacheOnlyModule(ctx)).toBe(true);
  });

  it('ioredis beside pg may hand out either: not cache-only', () => {
    // Prepare
    const ctx = contextOf(
      "import Redis from 'ioredis';\nimport { Pool } from 'pg';\nexport const redis = new Redis();\nexport const pool = new Pool();",
    );

    // Act / Assess
    expect(cacheOnlyModule(ctx)).toBe(false);
  });

  it('lru-cache in front of a global fetch reaches an HTTP server: not cache-only', () => {
    // Prepare
    const ctx = contextOf(
      "import { LRUCache } from 'lru-cache';\nconst memo = new LRUCache({ max: 100 });\nexport async function get(p: string) { return memo.get(p) ?? (await fetch(p)).json(); }",
    );

    // Act / Assess
    expect(cacheOnlyModule(ctx)).toBe(false);
  });

  it('a package named only in a comment or a string counts for nothing', () => {
    // Prepare
    const ctx = contextOf("// require('ioredis')\nexport const name = \"require('redis')\";");

    // Act / Assess
    expect(cacheOnlyModule(ctx)).toBe(false);
  });

  it('a scoped package beside the cache (an ORM client) refuses the module', () => {
    // Prepare
    const ctx = contextOf(
      "import Redis from 'ioredis';\nimport { PrismaClient } from '@prisma/client';\nexport const r = new Redis();",
    );

    // Act / Assess
    expect(cacheOnlyModule(ctx)).toBe(false);
  });
});
