// Settles a call through a global object's member (`console.logError(err)`): it answers a promise when a
// module the caller imports (a bare `import './services/logger'` included) assigns that member an async
// function (js/assignedAsync.ts). Only the caller's own imports are asked: an installer loaded once by an
// entry module (a bootstrap the caller never imports) is not seen, so such calls are missed, never
// reported wrongly.
import { escapeRegExp } from './escapeRegExp.js';
import type { GlobalMemberCall } from './js/assignedAsync.js';
import type { Project } from './project.js';

/**
 * Does one of the modules the call's module imports assign the global member an async function?
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
