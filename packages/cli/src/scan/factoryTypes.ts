// Project pass: is a method of an object a factory built (`export const cache =
// CacheFactory.createFromEnvironment()`, js/factoryMade.ts) one that answers a promise? The object's
// fact names its factory; only that factory's own import is followed (one module, no search), to the
// type it answers, whose declaration (class or interface, js/declaredTypes.ts) says whether the method
// is async, as for a typed receiver (typedMethods.ts).
import type { ExportFact } from './js/ExportFact.js';
import type { Project } from './project.js';
import { typedMethodAsync } from './typedMethods.js';

/**
 * `method` of the class or object exported as `fact` from `file` answers a promise: an async method of
 * the class or singleton's own class, or of the type the object's factory answers.
 *
 * @example
 * methodAsync(project, '/p/models.ts', { asyncMethods: ['save'] }, 'save') // -> true
 */
export function methodAsync(
  project: Project,
  file: string,
  fact: ExportFact | undefined,
  method: string,
): boolean {
  if (fact?.asyncMethods?.includes(method) === true) return true;
  // A member of an exported object that is an import of its module (js/objectMembers.ts): that export's.
  const member = fact?.memberImports?.[method];
  if (member !== undefined) return project.isAsync(member);
  return madeMethodAsync(project, file, fact, method);
}

/**
 * `method` of the object exported as `fact` from `file` (or a barrel passing it on) answers a promise, by
 * the type its factory answers.
 *
 * @example
 * madeMethodAsync(project, '/p/utils/cache.ts', { madeBy: { source: '../cache/factory', name: 'CacheFactory', method: 'create' } }, 'set') // -> true when CacheService.set is async
 */
export function madeMethodAsync(
  project: Project,
  file: string,
  fact: ExportFact | undefined,
  method: string,
): boolean {
  // Paths are the declaring module's: through a barrel, `file` is the barrel (ExportFact madeIn).
  const from = fact?.madeIn ?? file;
  if (fact?.madeType !== undefined)
    return typedMethodAsync(project, { from, type: fact.madeType, path: [], method });
  const by = fact?.madeBy;
  if (by === undefined) return false;
  const factoryFile = project.resolveModule(from, by.source);
  if (factoryFile === undefined) return false;
  const factory = project.exportFact(factoryFile, by.name);
  const type = by.method === undefined ? factory?.returnsType : factory?.staticReturns?.[by.method];
  // The factory's types are named as its declaring module names them, not as a barrel between does.
  const declaring = factory?.madeIn ?? factoryFile;
  return type !== undefined && typedMethodAsync(project, { from: declaring, type, path: [], method });
}
