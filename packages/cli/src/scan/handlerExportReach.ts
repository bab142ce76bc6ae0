// Which of a handler module's exported handlers reach a request, by following values down from each
// export: the project imports it calls (js/handlerImports.ts exportCalls), through barrels, a few modules
// deep. A module can hold a stream consumer beside HTTP handlers (one serverless.yml service, one
// `handler.ts`): whether a request is redelivered depends on the export that reaches it, not on the module.

import type { ModuleFacts } from './js/Candidate.js';
import { ownEntry } from './ownEntry.js';

/** Modules followed down from a handler export (as many as eventCallers.ts goes up, and the callers' hop). */
const DEPTH = 6;

/** What the search needs of the project pass (a CallerLookup offers both). */
export interface ExportGraph {
  readonly factsOf: (file: string) => ModuleFacts | undefined;
  readonly resolve: (from: string, source: string) => string | undefined;
}

/**
 * The exported handlers of `handler` whose calls reach one of `names` exported from `file`. Empty when the
 * export graph shows none: a handler built by a wrapper call (`export const h = wrap(async (e) => ...)`)
 * has no calls of its own there, so an empty answer means "not known", not "none".
 *
 * @example
 * handlerExportsReaching(graph, facts, '/app/lib/sso.ts', ['getAccount']) // ['migrateAccounts']: not the stream handler
 */
export function handlerExportsReaching(
  graph: ExportGraph,
  handler: ModuleFacts,
  file: string,
  names: readonly string[],
): string[] {
  const targets = new Set(names.map((n) => `${file}#${n}`));
  return Object.keys(handler.handlers ?? {}).filter((name) => reaches(graph, handler, name, targets));
}

/** Does export `name` of `start` call, through project imports and barrels, one of the `file#name` targets? */
function reaches(graph: ExportGraph, start: ModuleFacts, name: string, targets: Set<string>): boolean {
  const seen = new Set<string>();
  const queue: [string, string, number][] = [[start.file, name, 0]];
  while (queue.length > 0) {
    const [file, exported, depth] = queue.pop() as [string, string, number];
    const key = `${file}#${exported}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (depth > 0 && targets.has(key)) return true;
    const facts = depth === 0 ? start : depth < DEPTH ? graph.factsOf(file) : undefined;
    if (facts === undefined) continue;
    // A barrel hands the name on to the module that defines it.
    for (const re of facts.reExports) {
      const target = graph.resolve(file, re.source);
      if (target === undefined) continue;
      if (re.names === undefined) queue.push([target, exported, depth + 1]);
      else
        for (const [outer, inner] of re.names) if (outer === exported) queue.push([target, inner, depth + 1]);
    }
    for (const ref of ownEntry(facts.exportCalls, exported) ?? []) {
      const target = graph.resolve(ref.from, ref.source);
      if (target !== undefined) queue.push([target, ref.name, depth + 1]);
    }
  }
  return false;
}
