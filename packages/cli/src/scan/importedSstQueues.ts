// SST v3 queues are often built in one infra module and subscribed in another: the subscribing module's
// concurrency finding is kept only when its receiver's export is such a queue (rules/sstV3QueueConcurrency.ts).
import type { ImportRef } from './js/Candidate.js';
import type { Project } from './project.js';

/**
 * What the imported binding is: an SST v3 queue, one other queues dead-letter into, or neither.
 * @example
 * importedQueue(project, { from: '/app/infra/subscribers.ts', source: './queues', name: 'emailQueue' }) // 'queue'
 */
export function importedQueue(project: Project, ref: ImportRef): 'queue' | 'dlq' | undefined {
  const target = project.resolveModule(ref.from, ref.source);
  if (target === undefined) return undefined;
  return project.exportFactWhere(target, ref.name, (text) => text.includes('sst.aws.Queue'))?.sstQueue;
}
