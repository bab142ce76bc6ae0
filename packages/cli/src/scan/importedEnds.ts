// Settles swallowed-error's catch against the helpers its try calls (js/rules/importedEndsErrors.ts).
import type { EndedCallRefs } from './js/rules/importedEndsErrors.js';
import type { Project } from './project.js';

/**
 * Every imported call resolves to a function, or a method of an exported object or class, that ends its
 * own failures: no failure of another system reaches the caller's catch.
 *
 * @example
 * importsEndFailures(project, [{ from: '/app/handler.js', source: './audit.js', name: 'sendAuditEvent', method: '' }]) // true when sendAuditEvent's catch ends them
 */
export function importsEndFailures(project: Project, refs: EndedCallRefs): boolean {
  return refs.every((ref) => {
    const target = project.resolveModule(ref.from, ref.source);
    if (target === undefined) return false;
    const fact = project.exportFact(target, ref.name);
    if (fact?.endsFailures?.includes(ref.method) === true) return true;
    // `IoTData.publish`: no export holds the namespace itself; its member is the module's own function.
    if (fact !== undefined || ref.method === '') return false;
    return project.exportFact(target, `${ref.name}.${ref.method}`)?.endsFailures?.includes('') === true;
  });
}
