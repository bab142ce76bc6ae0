// Settles a call through a global object's member (`console.logError(err)`): it answers a promise when a
// module the caller loads assigns that member an async function (js/assignedAsync.ts). Only loaded
// modules count: the assignment runs when its module is imported, so a module the caller never loads
// cannot have installed it.
import { escapeRegExp } from './escapeRegExp.js';
import type { GlobalMemberCall } from './js/assignedAsync.js';
import type { Project } from './project.js';

/**
 * @example
 * globalMemberAsync(project, { from: '/p/sendEmail.ts', path: 'console.logError', sources: ['./services/logger'] }) // true
 */
export function globalMemberAsync(
  project: Project,
  call: GlobalMemberCall & { readonly from: string },
): boolean {
  const member = call.path.slice(call.path.indexOf('.') + 1);
  return call.sources.some((source) => {
    const target = project.resolveModule(call.from, source);
    if (target === undefined) return false;
    // A deferred module is analysed only when its text may assign the member at all (most console.log
    // calls ask of modules that assign nothing).
    const text = project.deferred.get(target);
    if (text !== undefined && !new RegExp(`\\.${escapeRegExp(member)}\\s*=[^=]`).test(text)) return false;
    return project.factsOf(target)?.globalAsync?.includes(call.path) === true;
  });
}
