// The handler modules a module is reached from, walking up the reverse import graph (eventCallers.ts asks
// this of every caller it finds).
import type { CallerLookup } from './callerLookup.js';
import type { ImporterIndex } from './importerIndex.js';
import type { ModuleFacts } from './js/Candidate.js';
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
  const handlers: ModuleFacts[] = [];
  const seen = new Set([start]);
  let level = [start];
  for (let depth = 0; depth <= limit && level.length > 0; depth++) {
    const next: string[] = [];
    for (const file of level) {
      // The gate defers only modules without a handler's words (js/ruleGate.ts handler): no need to analyse one.
      let facts = lookup.deferred.has(file) ? undefined : lookup.factsOf(file);
      // A web app wrapped whole by a Lambda adapter (`serverless(app)`): its routes are given events.
      if (facts?.handlers === undefined) facts = adapterHandler(file, textOf(file), facts) ?? facts;
      if (facts?.handlers !== undefined) {
        handlers.push(facts);
        continue;
      }
      for (const up of graph.importersOf(file))
        if (!seen.has(up)) {
          seen.add(up);
          next.push(up);
        }
    }
    level = next;
  }
  return { handlers, complete: level.length === 0 };
}
