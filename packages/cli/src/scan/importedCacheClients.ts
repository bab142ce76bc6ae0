// swallowed-error's cache-miss catch (js/rules/cacheMissCatch.ts) across modules: the catch's client comes
// from a project module (`const client = await redisClient.getClient()`), and is a cache client when that
// module imports a cache package and no other store or remote (a module that also imports a database or
// an HTTP client may hand out either). Read from the module's text (as callerTimeoutArgs.ts reads callers):
// its import list is not among the facts the project keeps.

import type { ImportRef } from './js/Candidate.js';
import { CACHE_PACKAGES } from './js/rules/cacheMissCatch.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';

/** Package sources written in `import ... from 'x'`, `import('x')` or `require('x')`. */
const IMPORTED = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g;

/** Other stores and remotes: a module importing one also reaches something that is not a cache. */
const OTHER_IO =
  /^(@aws-sdk\/|aws-sdk$|pg$|mysql2?(\/|$)|mongodb$|mongoose$|@prisma\/client$|knex$|sequelize$|typeorm$|axios$|node-fetch$|got$|undici$|firebase-admin)/;

/**
 * The package imports of a module's text.
 * @example
 * importedPackages("const Redis = require('ioredis');") // ['ioredis']
 */
export function importedPackages(text: string): string[] {
  return [...text.matchAll(IMPORTED)].map((m) => m[1] ?? '').filter((s) => !s.startsWith('.'));
}

/**
 * Does the module `ref` names build a cache client and reach nothing else?
 * @example
 * importsCacheClient(project, { from: '/app/src/cache/CacheService.js', source: './RedisClient', name: 'default' }) // true
 */
export function importsCacheClient(project: Project, ref: ImportRef): boolean {
  const target = project.resolveModule(ref.from, ref.source);
  const text = target === undefined ? undefined : (project.deferred.get(target) ?? readSource(target));
  if (text === undefined) return false;
  const packages = importedPackages(text);
  return packages.some((p) => CACHE_PACKAGES.has(p)) && !packages.some((p) => OTHER_IO.test(p));
}
