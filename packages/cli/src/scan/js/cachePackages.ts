// Which npm packages build cache clients, and which may sit beside one in a module that reaches nothing
// else. Neutral ground: the rule that reads a catch in a cache wrapper (rules/cacheMissCatch.ts) and the
// module fact the project pass reads for a client handed out by another module (cacheOnlyModule.ts) both
// ask, and neither owns the list.

/**
 * Packages whose clients are key-value caches. lru-cache and node-cache are in-memory and synchronous:
 * their calls are seldom awaited, so a catch around them rarely reaches another system at all.
 */
export const CACHE_PACKAGES: ReadonlySet<string> = new Set([
  'ioredis',
  'redis',
  '@redis/client',
  '@upstash/redis',
  'memcached',
  'memjs',
  'lru-cache',
  'node-cache',
]);

/**
 * Packages a cache wrapper imports that reach no other system: loggers, configuration and local
 * utilities. Anything else (a database, an SDK, an HTTP client, `http`, `net`) makes the module one that
 * may hand out either, so it is not a cache-only module.
 */
export const CACHE_COMPANIONS: ReadonlySet<string> = new Set([
  'winston',
  'pino',
  'bunyan',
  'loglevel',
  'debug',
  '@aws-lambda-powertools/logger',
  'dotenv',
  'config',
  'util',
  'node:util',
  'events',
  'node:events',
  'crypto',
  'node:crypto',
  'lodash',
  'uuid',
]);
