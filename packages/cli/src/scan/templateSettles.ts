// Whether the project's code settles an infrastructure file's finding (scan.ts drops such a candidate):
// the handler its function runs does no work (`no-work`), or none on its records one by one
// (`no-record-work`, `reported-in-code`), or its stream source bisects and it answers no item failures
// (bisectedStreams.ts), or, for a serverless.yml function no event triggers, nothing in the code invokes
// its deployed name with `'Event'` (invokedFunctions.ts).
import { bisectSuffices } from './bisectedStreams.js';
import type { Candidate } from './js/Candidate.js';
import type { HandlerFact, HandlerLink } from './js/ModuleFacts.js';
import type { Project } from './project.js';

/**
 * Whether a finding kept only where the code invokes its function (by deployed name, or by an environment
 * variable with 'Event') finds neither: one finding may carry both, kept if either holds.
 * @example
 * invocationUnmet(project, { onlyIfNameInvoked: ['*_shipped'], onlyIfEnvInvoked }) // false when the router invokes '*_shipped'
 */
export function invocationUnmet(project: Project, c: Candidate): boolean {
  const name = c.onlyIfNameInvoked;
  const env = c.onlyIfEnvInvoked;
  if (name === undefined && env === undefined) return false;
  return !(
    (name !== undefined && project.invokedFunctions.isNameInvoked(name)) ||
    (env !== undefined && project.invokedFunctions.isEnvInvoked(env))
  );
}

/**
 * A template finding the project's code settles.
 * @example
 * templateSettles(project, candidate) // true for `functions.notify` when no code invokes `svc-*-notify` with 'Event'
 */
export function templateSettles(project: Project, c: Candidate): boolean {
  if (invocationUnmet(project, c)) return true;
  const link = c.handlerLink;
  return link !== undefined && linkSettled(link, project.linkedHandler(link));
}

/**
 * Whether the linked handler's facts settle the finding (unknown code settles nothing, except for
 * `answers-nothing`, which is kept only for a handler known to answer item failures).
 * @example
 * linkSettled({ stems: ['src/audit'], export: 'handler', clearWhen: 'no-work' }, { work: false, recordWork: false }) // true
 */
export function linkSettled(link: HandlerLink, fact: HandlerFact | undefined): boolean {
  if (link.clearWhen === 'answers-nothing') return fact?.returnsItemAnswer !== true;
  if (fact === undefined) return false;
  return !(link.clearWhen === 'no-work' ? fact.work : fact.recordWork) || bisectSuffices(link, fact);
}
