// The handler modules a module is reached from, walking up the reverse import graph (eventCallers.ts asks
// this of every caller it finds).
import type { CallerLookup } from './callerLookup.js';
import type { ImporterIndex } from './importerIndex.js';
import type { ModuleFacts } from './js/Candidate.js';
import { servesRequests, standaloneOnly } from './standaloneContexts.js';
import { adapterHandler } from './webAppAdapter.js';

/**
 * The handler modules above `start`, `limit` modules up at most; `complete` is false when the search stopped
 * at its depth with modules left to follow.
 * @example
 * handlersAbove(lookup, graph, read, '/app/lib/orders.ts', 3) // { handlers: [facts of /app/handlers/api.ts], complete: true }
 */
export function handlersAbove(
  lookup: CallerLookup,
  graph: ImporterIndex,
  textOf: (file: string) => string | undefined,
  start: string,
  limit: number,
): { handlers: ModuleFacts[]; complete: boolean } {
  const handlers = new Set<ModuleFacts>();
  // A module is walked once per kind of path: one through a class Nest serves requests to (a controller)
  // is no path for a handler that boots only a standalone context (standaloneContexts.ts).
  const key = (file: string, served: boolean) => `${served ? 1 : 0}${file}`;
  const seen = new Set([key(start, false)]);
  let level: [string, boolean][] = [[start, false]];
  for (let depth = 0; depth <= limit && level.length > 0; depth++) {
    const next: [string, boolean][] = [];
    for (const [file, served] of level) {
      // The gate defers only modules without a handler's words (js/ruleGate.ts handler): no need to analyse one.
      let facts = lookup.deferred.has(file) ? undefined : lookup.factsOf(file);
      // A web app wrapped whole by a Lambda adapter (`serverless(app)`): its routes are given events.
      if (facts?.handlers === undefined) facts = adapterHandler(file, textOf(file), facts) ?? facts;
      if (facts?.handlers !== undefined) {
        if (!(served && standaloneOnly(textOf(file)))) handlers.add(facts);
        continue;
      }
      const up = served || servesRequests(textOf(file));
      for (const importer of graph.importersOf(file))
        if (!seen.has(key(importer, up))) {
          seen.add(key(importer, up));
          next.push([importer, up]);
        }
    }
    level = next;
  }
  return { handlers: [...handlers], complete: level.length === 0 };
}
