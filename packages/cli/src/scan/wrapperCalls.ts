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
