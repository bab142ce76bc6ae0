// Whether the project's code settles an infrastructure file's finding (scan.ts drops such a candidate):
// the handler its function runs does no work (`no-work`), or none on its records one by one
// (`no-record-work`, `reported-in-code`), or, for a serverless.yml function no event triggers, nothing in
// the code invokes its deployed name with `'Event'` (invokedFunctions.ts).
import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';

/**
 * A template finding the project's code settles.
 * @example
 * templateSettles(project, candidate) // true for `functions.notify` when no code invokes `svc-*-notify` with 'Event'
 */
export function templateSettles(project: Project, c: Candidate): boolean {
  if (c.onlyIfNameInvoked !== undefined && !project.invokedFunctions.isNameInvoked(c.onlyIfNameInvoked))
    return true;
  const link = c.handlerLink;
  if (link === undefined) return false;
  const fact = project.linkedHandler(link);
  return fact !== undefined && !(link.clearWhen === 'no-work' ? fact.work : fact.recordWork);
}
