// Settles swallowed-error's constant-answer catch against the modules its try calls (js/rules/loggingDataLayer.ts).
import type { ImportRef } from './js/Candidate.js';
import type { Project } from './project.js';

/**
 * Every imported call resolves to a function, or a method of an exported object or class, that logs each
 * failure of its I/O and rethrows it: the cause is in the log before the catch answers its constant.
 *
 * @example
 * importsLog(project, [{ from: '/app/quizzes.js', source: '../lib/db.js', name: 'default', method: 'getOne' }]) // true when db.getOne logs and rethrows
 */
export function importsLog(
  project: Project,
  refs: readonly (ImportRef & { readonly method: string })[],
): boolean {
  return refs.every((ref) => {
    const target = project.resolveModule(ref.from, ref.source);
    const logged = target === undefined ? undefined : project.exportFact(target, ref.name)?.logsFailures;
    return logged?.includes(ref.method) === true;
  });
}
