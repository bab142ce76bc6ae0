// A module that builds a cache client and reaches nothing else (`RedisClient.js`: `new Redis(url)` and a
// getter): what it hands out is a cache client. Kept as a module fact (CacheModuleFacts) so the project
// pass can settle a catch in another module around a client this one hands out (importedCacheClients.ts).
// Decided from the module's import bindings (ES imports and `require`), not from its text, so a comment
// or string naming a package counts for nothing.
import { type Node, someDescendant, unwrap } from './ast.js';
import { CACHE_COMPANIONS, CACHE_PACKAGES } from './cachePackages.js';
import type { ModuleContext } from './ModuleContext.js';

/** The module facts this concept adds to ModuleFacts. */
export interface CacheModuleFacts {
  /** The module imports a cache package and no other package that reaches elsewhere, nor calls fetch. */
  readonly cacheOnly?: true;
}

/**
 * A source that is surely the project's: relative, absolute, or a path alias (`@/lib`, `~/lib`). A scoped
 * name is not taken for one (isProjectSource does): `@prisma/client` beside ioredis must refuse the module.
 */
function ownSource(source: string): boolean {
  return /^(\.|\/|@\/|~\/)/.test(source);
}

/** A call of the global `fetch` (or `globalThis.fetch`): the module reaches an HTTP server with no import. */
function callsGlobalFetch(ctx: ModuleContext): boolean {
  return someDescendant(ctx.program, (n) => {
    if (n.type !== 'CallExpression') return false;
    const callee = unwrap(n.callee as Node);
    if (callee?.type === 'Identifier') return callee.name === 'fetch' && ctx.isGlobal('fetch', callee);
    return (
      callee?.type === 'MemberExpression' &&
      unwrap(callee.object as Node)?.type === 'Identifier' &&
      unwrap(callee.object as Node)?.name === 'globalThis' &&
      unwrap(callee.property as Node)?.name === 'fetch'
    );
  });
}

/**
 * Does the module import a cache package, and every other package it imports is a logger, configuration
 * or local utility (project modules aside), and it never calls global fetch?
 * @example
 * cacheOnlyModule(contextOf("const Redis = require('ioredis'); module.exports = new Redis();", 'r.js')) // true
 */
export function cacheOnlyModule(ctx: ModuleContext): boolean {
  const packages = [...ctx.imports.values()].map((b) => b.source).filter((s) => !ownSource(s));
  return (
    packages.some((p) => CACHE_PACKAGES.has(p)) &&
    packages.every((p) => CACHE_PACKAGES.has(p) || CACHE_COMPANIONS.has(p)) &&
    !callsGlobalFetch(ctx)
  );
}
