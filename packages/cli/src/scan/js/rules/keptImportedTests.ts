// floating-promise: `const hit = cache.get(k); if (hit) return hit;` where `cache` is an object a project
// module exports (a singleton, or one a factory built: js/factoryMade.ts). The kept promise is tested as
// the value, so the check is always true: a miss answers the cache's null (or a field read off the
// promise throws). keptPromiseTests.ts judges the local's uses; whether the method answers a promise is
// the project pass's to say (onlyIfImportAsync), as for a dropped call of it.
import type { Node } from '../ast.js';
import { importedSingletonMethod } from '../asyncMethods.js';
import type { ImportRef } from '../Candidate.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';
import { type KeptCall, keptPromiseTests } from './keptPromiseTests.js';

/**
 * Calls of a method of a project module's exported object kept in a local only read as the answer, with
 * the import the project pass asks about.
 *
 * @example
 * keptImportedTests(ctx) // const cached = cache.get(key); if (cached) return cached; -> [{ call, returned: true, imported: { from, source: '../utils/cache', name: 'cache', method: 'get' } }]
 */
export function keptImportedTests(
  ctx: ModuleContext,
): (KeptCall & { imported: ImportRef & { method: string } })[] {
  const refs = new Map<Node, ImportRef & { method: string }>();
  const calls = keptPromiseTests(ctx, (call) => {
    const single = importedSingletonMethod(ctx, call.callee as Node);
    if (single === undefined || !isProjectSource(single.source)) return false;
    refs.set(call, { from: ctx.file, ...single });
    return true;
  });
  // A Prisma query is judged by the rule's own path (floating.ts), not as an import.
  return calls.flatMap((kept) => {
    const imported = refs.get(kept.call);
    return imported === undefined ? [] : [{ ...kept, imported }];
  });
}
