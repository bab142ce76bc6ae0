// A floating promise in a helper module is harmless when only callback-era handlers reach it: after the
// callback Lambda waits for the event loop to drain (callbackWaitsForEmptyEventLoop, on by default), so the
// unawaited work finishes and its rejection fails the invocation, as in the handler's own module
// (js/rules/callbackEraAnswers.ts). A handler of any other kind reaching it keeps the finding.
import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';

/**
 * Is the candidate reached only by callback-style handlers that wait for the event loop?
 * @example
 * onlyCallbackEraReach(project, '/app/utils.js', c) // utils.getLogs only called from `function handler(event, context, cb)` -> true
 */
export function onlyCallbackEraReach(project: Project, file: string, c: Candidate): boolean {
  const names = c.unlessCallbackEraOnly;
  if (names === undefined) return false;
  const callers = project.eventCallers;
  return (
    callers.reachedBy(file, { names }, (h) => h.callbackWaits === true) &&
    !callers.reachedBy(file, { names }, (h) => h.callbackWaits !== true)
  );
}
