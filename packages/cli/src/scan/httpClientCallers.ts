// The project pass's side of js/importedClientCalls.ts: which modules import an HTTP library another
// module of the project hands on, and the findings at their calls through it.
import type { Candidate } from './js/Candidate.js';
import { importedClientCalls } from './js/importedClientCalls.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';

/**
 * http-no-timeout candidates at `file`'s calls through a project export that is an HTTP library's own
 * request function (ExportFact.httpClient); none when no module of the project exports one.
 *
 * @example
 * httpClientCallers(project, '/app/fetcher/providers/clarity.js') // its `request({ ... })` calls with no timeout
 */
export function httpClientCallers(project: Project, file: string): readonly Candidate[] {
  const names = project.names.httpClients;
  if (names.size === 0) return [];
  const text = project.deferred.get(file) ?? readSource(file);
  if (text === undefined) return [];
  if (!names.has('default') && ![...names].some((name) => text.includes(name))) return [];
  try {
    return importedClientCalls(file, text, (imp) => {
      if (!project.names.mayBe('httpClients', imp.imported)) return undefined;
      const target = project.resolveModule(file, imp.source);
      return target === undefined ? undefined : project.exportFact(target, imp.imported)?.httpClient;
    });
  } catch {
    return [];
  }
}
