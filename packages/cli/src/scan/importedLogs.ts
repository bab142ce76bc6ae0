// Settles swallowed-error's catches against the modules they call: a constant answer after a data layer that
// logs (js/rules/loggingDataLayer.ts), a catch whose only handling is a call of a helper that does nothing
// (js/rules/noopCalls.ts).
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

/**
 * Every import named resolves to a project function that does nothing when called (ExportFact.doesNothing).
 *
 * @example
 * importsDoNothing(project, [{ from: '/app/h.ts', source: '@lib/slack', name: 'sendSlackMessage' }]) // true when it returns first
 */
export function importsDoNothing(project: Project, refs: readonly ImportRef[]): boolean {
  return refs.every((ref) => {
    const target = project.resolveModule(ref.from, ref.source);
    return target !== undefined && project.exportFact(target, ref.name)?.doesNothing === true;
  });
}
