// The project side of js/handedWork.ts: a function handed to a runner in another module is on the caller's
// path when the runner runs that parameter (js/calledParams.ts), read in the module that defines the runner
// (through barrels). A runner that only stores what it is given (`registry.add(fn)`) puts nothing there.
import type { ModuleFacts } from './js/Candidate.js';
import type { HandedWork } from './js/handedWork.js';
import { ownEntry } from './ownEntry.js';

/** What the lookup needs of the project pass. */
export interface RunnerGraph {
  readonly factsOf: (file: string) => ModuleFacts | undefined;
  readonly resolve: (from: string, source: string) => string | undefined;
}

/** Barrels followed from the import to the module that defines the runner. */
const DEPTH = 4;

/**
 * Does the runner `h` hands its functions to run the parameter at `h.index`?
 *
 * @example
 * runsHanded(graph, { callee: { from, source: './sqs', name: 'handleSqsEvent' }, index: 0, ... }) // true
 */
export function runsHanded(graph: RunnerGraph, h: HandedWork): boolean {
  const start = graph.resolve(h.callee.from, h.callee.source);
  const seen = new Set<string>();
  const queue: [string | undefined, string, number][] = [[start, h.callee.name, 0]];
  while (queue.length > 0) {
    const [file, name, depth] = queue.pop() as [string | undefined, string, number];
    if (file === undefined || seen.has(`${file}#${name}`) || depth > DEPTH) continue;
    seen.add(`${file}#${name}`);
    const facts = graph.factsOf(file);
    if (facts === undefined) continue;
    const runs = facts.calledParams;
    // `Repo.transaction(...)` of a class; `lib.run(...)` of a default-exported object or class.
    const key = h.method === undefined ? name : `${name}.${h.method}`;
    const indexes =
      ownEntry(runs, key) ?? (h.method === undefined ? ownEntry(runs, `default.${name}`) : undefined);
    if (indexes?.includes(h.index) === true) return true;
    for (const re of facts.reExports) {
      const target = graph.resolve(file, re.source);
      if (re.names === undefined) queue.push([target, name, depth + 1]);
      else for (const [outer, inner] of re.names) if (outer === name) queue.push([target, inner, depth + 1]);
    }
  }
  return false;
}
