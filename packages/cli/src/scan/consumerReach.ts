// Does a consumer module found above a shared helper really call it? eventCallers.ts goes up the import
// graph module by module, so a manager module every function of a service imports (`itemManager.ts`:
// the checkout route, the contact form and the queue consumer each call one export of it) makes the
// queue consumer look like a caller of every helper below it, and an INSERT on the HTTP checkout reads as
// a consumer's. The consumer's own exports, followed down value by value (handlerExportReach.ts), say
// which helpers it reaches: an HTTP route's write is no redelivered message's.
import type { SharedRequest } from './callerLookup.js';
import { handlerExportsReaching } from './handlerExportReach.js';
import type { ModuleFacts } from './js/Candidate.js';

/** What the search needs of the project pass (project.ts Project offers both). */
export interface ProjectGraph {
  factsOf(file: string): ModuleFacts | undefined;
  resolveModule(from: string, source: string): string | undefined;
}

/**
 * May `handler` reach one of the request's `names` exported from `file`? False only for plain exported
 * functions, when the handler's exports are seen to reach other exports of `file` and none of these; when
 * the graph shows no way into `file` at all (an edge it does not follow), the handler may, as before.
 *
 * @example
 * exportsMayReach(project, queueHandlerFacts, '/app/libs/db.ts', { names: ['insertOrder'] }) // false: it reaches only invoicing there
 */
export function exportsMayReach(
  project: ProjectGraph,
  handler: ModuleFacts,
  file: string,
  request: SharedRequest,
): boolean {
  const { names } = request;
  // A method (of a class, an instance, an interface) is called on a value the graph does not name by
  // the method: `useCase.execute(m)` on a module-level `new StoreUseCase()` is an edge to the class.
  if (request.owner !== undefined || (request.interfaces?.length ?? 0) > 0) return true;
  if (names.length === 0) return true;
  const graph = { factsOf: project.factsOf.bind(project), resolve: project.resolveModule.bind(project) };
  // The graph misses edges (a router's table of default exports, a wrapper): it answers only when it
  // shows the handler reaching `file` through some export. Then an export it does not reach is another
  // route's.
  const exported = Object.keys(project.factsOf(file)?.exports ?? {});
  // A name the module does not export is a method (of a CommonJS `module.exports = Class`, say): the
  // graph's edge into the module is the class, never the method.
  if (!names.every((n) => exported.includes(n))) return true;
  if (handlerExportsReaching(graph, handler, file, exported).length === 0) return true;
  return handlerExportsReaching(graph, handler, file, names).length > 0;
}
