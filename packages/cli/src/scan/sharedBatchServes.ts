// Which deployed handlers a shared batch function serves (js/rules/batchShared.ts): handlers of other
// modules that hand it their whole event (js/eventTakers.ts, HandlerFact.passesEvent) and that a template
// wires to a queue or stream without ReportBatchItemFailures. Those handlers only hand their batch on
// (HandlerFact.delegatesBatch: no record named, no answer of their own), so the template findings of each
// would be the only report, one per event, while the fix is one change in the shared function: the finding
// goes there, once, and takes the templates' findings over (batchTwins.ts). A handler with a loop of its
// own (an audit pass handed the event first), or answered by middy, Powertools or its own
// `batchItemFailures`, is served by nothing: its code, or its template, keeps the finding (r44 review).
import { relative } from 'node:path';
import type { FileOutcome } from './analyzeFile.js';
import { followReExports } from './batchOne.js';
import { stemOf } from './handlerJoin.js';
import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';

/** What the join needs of the template side (batchTwins.ts's links). */
export interface ServedLinks {
  /** Is the handler `stem#export` wired by a template batch source without partial responses? */
  readonly linked: (key: string) => boolean;
  /** Is the handler's own code reported for the batch (it has its own loop)? */
  readonly reportedInCode: (key: string) => boolean;
  /** Does every source wiring the handler bisect its batches (bisectedStreams.ts)? */
  readonly bisectsOnly: (key: string) => boolean;
}

/** The place of a shared function's candidate: its module and line. */
export const sharedAt = (file: string, c: Candidate): string => `${stemOf(file)}:${c.line}`;

/**
 * The handler keys (`stem#export`) each shared batch function's candidate serves, by sharedAt; a candidate
 * absent from the answer serves no template-wired handler and is not reported.
 *
 * @example
 * sharedServes(outcomes, project, links) // Map { '/app/lib/worker:66' => ['/app/workers/orderPaid#handler', ...] }
 */
export function sharedServes(
  outcomes: readonly FileOutcome[],
  project: Project,
  links: ServedLinks,
): ReadonlyMap<string, readonly string[]> {
  const shared: { file: string; c: Candidate; names: readonly string[] }[] = [];
  for (const o of outcomes)
    if (o.kind === 'code')
      for (const c of o.facts.candidates)
        if (c.onlyIfServesHandlers !== undefined)
          shared.push({ file: o.facts.file, c, names: c.onlyIfServesHandlers });
  const out = new Map<string, readonly string[]>();
  if (shared.length === 0) return out;
  const takers = takersIndex(outcomes, project);
  for (const { file, c, names } of shared) {
    const served = new Set<string>();
    for (const name of names)
      for (const key of takers.get(`${stemOf(file)}#${name}`) ?? [])
        if (links.linked(key) && !links.reportedInCode(key)) served.add(key);
    if (served.size === 0) continue;
    // A function that throws for the failed record lets a bisecting stream isolate it, as a handler would.
    if (c.unlessBisected === true && [...served].every((key) => links.bisectsOnly(key))) continue;
    if (!project.keep(file, c)) continue;
    out.set(sharedAt(file, c), [...served].sort());
  }
  return out;
}

/** Every function handlers hand their whole event to (`stem#name`), with those handlers' keys. */
function takersIndex(outcomes: readonly FileOutcome[], project: Project): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const reExportsOf = (file: string) => project.factsOf(file)?.reExports ?? [];
  const resolve = (from: string, source: string) => project.resolveModule(from, source);
  for (const o of outcomes) {
    if (o.kind !== 'code') continue;
    const file = o.facts.file;
    for (const [handler, fact] of Object.entries(o.facts.handlers ?? {})) {
      // Handing the event on is not enough: an answer or loop of the handler's own keeps the fix there.
      if (fact.delegatesBatch !== true) continue;
      for (const t of fact.passesEvent ?? []) {
        const target = t.source === '' ? file : resolve(file, t.source);
        if (target === undefined) continue;
        // Imported through an index, the function is declared further on.
        const keys = new Set([`${target}#${t.name}`]);
        if (t.source !== '') followReExports(target, t.name, reExportsOf, resolve, keys);
        for (const key of keys) {
          const hash = key.lastIndexOf('#');
          const at = `${stemOf(key.slice(0, hash))}${key.slice(hash)}`;
          index.set(at, [...(index.get(at) ?? []), `${stemOf(file)}#${handler}`]);
        }
      }
    }
  }
  return index;
}

/** Handlers named in full up to this many; more are counted, as a shared loop may serve dozens. */
const NAMED = 4;

/**
 * The sentence a shared function's finding ends with: the handlers it serves, as a template names them
 * (`services/webhooks/src/workers/orderPaid.handler`, relative to the scan's root).
 *
 * @example
 * servedText('/app', ['/app/src/a#handler', '/app/src/b#handler']) // '(the batch loop of 2 handlers: src/a.handler, src/b.handler; one change here answers for all of them)'
 */
export function servedText(root: string, keys: readonly string[]): string {
  const names = keys.map((key) => {
    const hash = key.lastIndexOf('#');
    return `${relative(root, key.slice(0, hash)).replace(/\\/g, '/')}.${key.slice(hash + 1)}`;
  });
  const shown = names.length > NAMED ? [...names.slice(0, NAMED), `and ${names.length - NAMED} more`] : names;
  const count = names.length === 1 ? 'one handler' : `${names.length} handlers`;
  return `(the batch loop of ${count}: ${shown.join(', ')}; one change here answers for all of them)`;
}
