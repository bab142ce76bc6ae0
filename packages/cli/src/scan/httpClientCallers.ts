// The project pass's side of js/importedClientCalls.ts: which modules import an HTTP library another
// module of the project hands on, and the findings at their calls through it.
import { basename, dirname, extname } from 'node:path';
import type { Candidate } from './js/Candidate.js';
import { importedClientCalls } from './js/importedClientCalls.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';

/** Per project, the names an importer of a module exporting such a function spells in its path. */
const stemsOf = new WeakMap<Project, readonly string[]>();

/**
 * The names in the paths (`utils` and `lib` of `lib/utils.js`, `http` of `http/index.ts`, a workspace
 * package's folder) of the modules that export an HTTP library's function: an importer spells one. Such a module imports the library
 * itself, so it is never deferred and its facts are known up front.
 */
function exporterStems(project: Project): readonly string[] {
  let stems = stemsOf.get(project);
  if (stems === undefined) {
    const found = new Set<string>();
    for (const file of project.files) {
      const facts = project.deferred.has(file) ? undefined : project.factsOf(file);
      if (facts === undefined || !Object.values(facts.exports).some((f) => f.httpClient !== undefined))
        continue;
      // The file's own name and its folders' (a workspace package is imported by its folder's name).
      found.add(basename(file, extname(file)));
      for (let dir = dirname(file), n = 0; n < 3 && dir !== dirname(dir); dir = dirname(dir), n++)
        found.add(basename(dir));
    }
    stems = [...found];
    stemsOf.set(project, stems);
  }
  return stems;
}

/**
 * http-no-timeout and no-retry candidates at `file`'s calls through a project export that is an HTTP library's own
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
  if (!exporterStems(project).some((stem) => text.includes(stem))) return [];
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
