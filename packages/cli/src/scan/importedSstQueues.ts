// SST v3 apps spread their queues, subscriptions and app-wide transforms over several infra modules: the
// project pass settles what one module's findings leave to the others. A subscribing module's concurrency
// finding is kept only when its receiver's export is a queue (rules/sstV3QueueConcurrency.ts); an exported
// queue's missing-dlq finding only when some importer subscribes it (rules/sstV3QueueDlq.ts); and either is
// dropped when the app's `sst.config.ts` writes a `$transform` that settles it (rules/sstV3Transforms.ts).
// SST v2 stacks hand constructs over with `use(Stack)`: a queue consumer binding only such fields is cleared
// when the owner stack returns services that absorb any request rate there (rules/sstConsumerGrants.ts).
import { basename, dirname } from 'node:path';
import type { Candidate, ImportRef } from './js/Candidate.js';
import type { SstTransform } from './js/rules/sstV3Transforms.js';
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

/** Does the stack `use(Stack)` names return, at `field`, a service that absorbs any request rate? */
function stackFieldAbsorbs(project: Project, ref: ImportRef & { readonly field: string }): boolean {
  const target = project.resolveModule(ref.from, ref.source);
  const fact = target === undefined ? undefined : project.exportFact(target, ref.name);
  return fact?.sstAbsorbingFields?.includes(ref.field) === true;
}

/**
 * Does some module importing `file` (directly or through a barrel) subscribe a function to its export
 * `name`? An import through a barrel is followed to the module that defines the export: the same fact.
 */
function subscribedElsewhere(project: Project, file: string, name: string): boolean {
  const mine = project.exportFact(file, name);
  const isMine = (ref: ImportRef) => {
    const target = project.resolveModule(ref.from, ref.source);
    if (target === file) return ref.name === name;
    return target !== undefined && mine !== undefined && project.exportFact(target, ref.name) === mine;
  };
  const importers = project.eventCallers.mentioning(file, [name]).map((f) => project.factsOf(f));
  // A queue another module names as its `dlq` is that queue's dead-letter queue, not one lacking its own.
  if (importers.some((m) => (m?.sstDlqImports ?? []).some(isMine))) return false;
  return importers.some((m) => (m?.sstSubscribed ?? []).some(isMine));
}

/** `sst.config.ts` files of the project, by folder, asked once per project. */
const configsOf = new WeakMap<Project, ReadonlyMap<string, string>>();

/**
 * The transforms the app's `sst.config.ts` writes (in `run()`, before it imports the infra modules) for the
 * app holding `file`: its nearest enclosing config. Transforms written in an infra module stay that module's
 * own (the rules read them there): they change only what is built after them, and import order decides that.
 */
function appTransforms(project: Project, file: string): readonly SstTransform[] {
  let configs = configsOf.get(project);
  if (configs === undefined) {
    configs = new Map(
      [...project.files].filter((f) => basename(f) === 'sst.config.ts').map((f) => [dirname(f), f]),
    );
    configsOf.set(project, configs);
  }
  if (configs.size === 0) return [];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const config = configs.get(dir);
    if (config !== undefined) return config === file ? [] : (project.factsOf(config)?.sstTransforms ?? []);
    if (dirname(dir) === dir) return [];
  }
}

/**
 * Are the candidate's SST v3 conditions on other modules unmet (then the project pass drops it)?
 * @example
 * sstAppUnmet(project, '/app/infra/queues.ts', { rule: 'iac-missing-dlq', onlyIfExportSubscribed: 'jobs', ... }) // true when no importer subscribes `jobs`
 */
export function sstAppUnmet(project: Project, file: string, c: Candidate): boolean {
  if (c.unlessSstFieldsAbsorb?.every((f) => stackFieldAbsorbs(project, f))) return true;
  if (c.onlyIfImportSstQueue !== undefined && importedQueue(project, c.onlyIfImportSstQueue) !== 'queue')
    return true;
  if (c.onlyIfExportSubscribed !== undefined && !subscribedElsewhere(project, file, c.onlyIfExportSubscribed))
    return true;
  return c.unlessSstTransform !== undefined && appTransforms(project, file).includes(c.unlessSstTransform);
}
