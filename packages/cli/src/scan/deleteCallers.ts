// The project half of swallowed-error's delete verdicts (js/rules/deleteVerdicts.ts): a delete helper's
// default answer is kept when a module calling it branches on that answer, which then reads a failed
// delete as "not found" or "already gone".
import type { SharedRequest } from './callerLookup.js';
import { testsAnswer } from './js/rules/deleteVerdicts.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';

/**
 * Does a module calling one of the request's names (an importer of `file`, through the class or interface
 * it names) test the answer?
 * @example
 * callerTests(project, '/app/src/config/database-adapter.ts', { names: ['deleteProduct'] }) // true when a controller does `if (!deleted) ... 404`
 */
export function callerTests(project: Project, file: string, request: SharedRequest): boolean {
  return project.eventCallers.someCaller(file, request, (m) => {
    const text = project.deferred.get(m.file) ?? readSource(m.file);
    return text !== undefined && testsAnswer(text, request.names);
  });
}
