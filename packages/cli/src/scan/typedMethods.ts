// Project pass: does a method called on a value of a declared type answer a promise? The type is followed
// member by member through the modules that declare each step (js/declaredTypes.ts), across relative
// imports and tsconfig path aliases alike (the resolver handles both), to the class or interface at the
// end, whose declaration says whether the method is async.
import type { ImportRef } from './js/Candidate.js';
import type { TypeRef } from './js/declaredTypes.js';
import type { TypedCall } from './js/typedReceivers.js';
import type { Project } from './project.js';

/** Steps followed at most: a context type, a data-sources map, a class, and a little slack. */
const MAX_STEPS = 8;

/**
 * The method at the end of a typed receiver is async (or declared to answer a Promise).
 *
 * @example
 * typedMethodAsync(project, { from: '/p/resolvers/forgot.ts', type: { source: '../context', name: 'Context' }, path: ['dataSources', 'redis'], method: 'store' }) // -> true when RedisDataSource.store is async
 */
export function typedMethodAsync(project: Project, call: TypedCall & Pick<ImportRef, 'from'>): boolean {
  let file = call.from;
  let ref: TypeRef = call.type;
  const path = [...call.path];
  for (let step = 0; step < MAX_STEPS; step++) {
    const target = ref.source === undefined ? file : project.resolveModule(file, ref.source);
    if (target === undefined) return false;
    const shape = project.factsOf(target)?.declaredTypes?.[ref.name];
    const member = path.shift();
    if (member === undefined)
      // A class exported under another name than it is declared with: its export's async methods.
      return (
        shape?.asyncMethods.includes(call.method) ??
        project.exportFact(target, ref.name)?.asyncMethods?.includes(call.method) === true
      );
    const next = shape?.members[member];
    if (next === undefined) return false;
    file = target;
    ref = next;
  }
  return false;
}
