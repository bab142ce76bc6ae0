// Does an imported name (or a method or namespace member read off it) answer a promise? floating-promise
// and its kin ask the project pass this of every call they cannot settle in the calling module
// (onlyIfImportAsync, unlessImportAsync); kept out of project.ts, which only delegates.
import { methodAsync } from './factoryTypes.js';
import type { ImportRef } from './js/Candidate.js';
import type { Project } from './project.js';

/**
 * Whether `ref` names an async export: a function, a method of an exported class, object or factory-made
 * object (`ref.method`), a static method of a default-exported class, or a function of a namespace the
 * module passes on (`IoTData.publish` of `export * as IoTData from './iot_data'`, dotted names through
 * nested namespaces).
 *
 * @example
 * importAsync(project, { from: '/app/handler.ts', source: '@app/core/iot', name: 'IoTData', method: 'publish' }) // true
 */
export function importAsync(project: Project, ref: ImportRef & { method?: string }): boolean {
  // Deferred modules' exports are not known up front: then the name is looked up for real.
  // A dotted name (`Services.IoTData`, js/namespaceChains.ts) starts at a namespace some module passes on.
  const head = ref.name.split('.')[0] as string;
  if (project.deferred.size === 0 && !project.names.mayBe('async', head)) return false;
  const target = project.resolveModule(ref.from, ref.source);
  if (target === undefined) return false;
  const fact = project.exportFact(target, ref.name);
  // `IoTData.publish(...)` of a namespace the module passes on (`export * as IoTData from './iot_data'`):
  // the member is that module's export, looked up as a named import is (exportLookup.ts).
  if (ref.method !== undefined)
    return (
      methodAsync(project, target, fact, ref.method) ||
      (fact === undefined && project.exportFact(target, `${ref.name}.${ref.method}`)?.async === true)
    );
  // `Providers.put(...)` of a module whose export is a class: a static method of it, not an export.
  if (fact === undefined)
    return project.exportFact(target, 'default')?.asyncStatics?.includes(ref.name) === true;
  return fact.async === true;
}
