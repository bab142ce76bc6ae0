// What the project pass does for the project's own wrappers before findings are kept: calls of batch
// wrappers whose answer is dropped (rules/batchWrappers.ts), and deferred modules that build an
// event-source construct with a handler (rules/cdkWrappers.ts). Both are asked only once some module
// offers such a wrapper, so a project with none pays nothing for them.

import { batchCallers } from './js/analyzeModule.js';
import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';

/**
 * Calls of the project's batch wrappers whose answer is dropped, in a module whose text names one.
 *
 * @example
 * batchCallerCandidates(project, '/app/src/handler.ts') // [] when no module exports a batch wrapper
 */
export function batchCallerCandidates(project: Project, file: string): readonly Candidate[] {
  if (project.names.batch.size === 0) return [];
  let seen = analysed.get(project);
  if (seen === undefined) {
    seen = new Map();
    analysed.set(project, seen);
  }
  // The wrapper names grow as deferred modules are analysed: an answer holds while their count is the same.
  const known = seen.get(file);
  if (known !== undefined && known.names === project.names.batch.size) return known.found;
  const found = callersIn(project, file);
  seen.set(file, { names: project.names.batch.size, found });
  return found;
}

/** Each module's wrapper-call candidates, analysed once: batchCallerKept asks them before scan.ts does. */
const analysed = new WeakMap<Project, Map<string, { names: number; found: readonly Candidate[] }>>();

/**
 * A call of the thin batch wrapper `name` exported by `file` (directly or through a barrel), in some
 * module of the project, whose finding is kept (rules/batchWrappers.ts importedBatchRules): the wrapper's own send is then not reported
 * as well (`unlessBatchCallerKept`). A caller that judgement does not see keeps the send reported.
 *
 * @example
 * batchCallerKept(project, '/app/lib/bus.ts', 'publish') // true when handler.ts has a kept `await publish(x);`
 */
export function batchCallerKept(project: Project, file: string, name: string): boolean {
  const own = project.exportFact(file, name);
  if (own === undefined) return false;
  for (const other of project.files) {
    if (other === file) continue;
    for (const c of batchCallerCandidates(project, other)) {
      const ref = c.onlyIfImportBatchResult?.ref;
      if (ref === undefined || c.onlyIfImportBatchResult?.method !== undefined) continue;
      const target = project.resolveModule(ref.from, ref.source);
      // Through a barrel or a renamed re-export the caller reaches the same export fact.
      if (target === undefined || project.exportFact(target, ref.name) !== own) continue;
      if (project.keep(other, c)) return true;
    }
  }
  return false;
}

function callersIn(project: Project, file: string): readonly Candidate[] {
  const text = project.deferred.get(file) ?? readSource(file);
  if (text === undefined) return [];
  // A TypeScript call may pass type arguments first (`createEvent<Post>(...)`): the name then meets `<`.
  if (![...project.names.batch].some((name) => text.includes(`${name}(`) || text.includes(`${name}<`)))
    return [];
  try {
    return batchCallers(file, text);
  } catch {
    return [];
  }
}

/**
 * Analyses the deferred modules that build one of the project's event-source constructs with a handler
 * (`new QueueConsumer(this, id, { handler: 'consumer.handler' })`) before any finding is kept: whether
 * that handler's code is a one-record consumer (isBatchOne) depends on them.
 *
 * @example
 * settleWrapperBuilders(project); // then project.isBatchOne(...) sees every builder's batch size
 */
export function settleWrapperBuilders(project: Project): void {
  if (project.names.wrappers.size === 0) return;
  const names = [...project.names.wrappers];
  for (const [file, source] of [...project.deferred]) {
    if (!source.includes('handler') || !names.some((n) => source.includes(`new ${n}(`))) continue;
    project.factsOf(file);
  }
}
