// swallowed-error's cache-aside catch (js/rules/cacheMissCatch.ts) across modules: the catch's client comes
// from a project module (`const client = await redisClient.getClient()`). It is a cache client when that
// module is cache-only by its facts (js/cacheOnlyModule.ts): it imports a cache package and nothing else
// that reaches another system, and calls no global fetch. A module that also imports a database, an SDK or
// an HTTP client may hand out either, so the catch stays reported.
import type { ImportRef } from './js/Candidate.js';
import type { Project } from './project.js';

/**
 * Is the module `ref` names cache-only, so what it hands out is a cache client?
 * @example
 * importsCacheClient(project, { from: '/app/src/cache/CacheService.js', source: './RedisClient', name: 'default' }) // true
 */
export function importsCacheClient(project: Project, ref: ImportRef): boolean {
  const target = project.resolveModule(ref.from, ref.source);
  return target !== undefined && project.factsOf(target)?.cacheOnly === true;
}
