// Does a consumer module found above a shared helper really call it? eventCallers.ts goes up the import
// graph module by module, so a manager module every function of a service imports (`itemManager.ts`:
// the checkout route, the contact form and the queue consumer each call one export of it) makes the
// queue consumer look like a caller of every helper below it, and an INSERT on the HTTP checkout reads as
// a consumer's. The consumer's own exports, followed down value by value (handlerExportReach.ts), say
// which helpers it reaches: an HTTP route's write is no redelivered message's.
import { handlerExportsReaching } from './handlerExportReach.js';
import type { ModuleFacts } from './js/Candidate.js';

/** What the search needs of the project pass (project.ts Project offers both). */
export interface ProjectGraph {
  factsOf(file: string): ModuleFacts | undefined;
  resolveModule(from: string, source: string): string | undefined;
}

/**
 * May `handler` reach one of `names` exported from `file`? False only when the handler's exports have a
 * known call graph and none of it reaches them; a handler built by a wrapper the graph does not follow
 * (no edges for any of its exports) may, as before.
 *
 * @example
 * exportsMayReach(project, queueHandlerFacts, '/app/libs/db.ts', ['insertOrder']) // false: it calls only settle -> invoicing
 */
export function exportsMayReach(
  project: ProjectGraph,
  handler: ModuleFacts,
  file: string,
  names: readonly string[],
): boolean {
  const exported = Object.keys(handler.handlers ?? {});
  const known = exported.some((name) => (handler.exportCalls?.[name]?.length ?? 0) > 0);
  if (!known || names.length === 0) return true;
  const graph = { factsOf: project.factsOf.bind(project), resolve: project.resolveModule.bind(project) };
  return handlerExportsReaching(graph, handler, file, names).length > 0;
}
