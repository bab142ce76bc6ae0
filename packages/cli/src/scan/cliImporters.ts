// Code only command-line programs run. `offServicePath` (js/offServicePath.ts) spares a module that is
// plainly a program (a shebang, or a `process.argv`/`require.main` program exporting nothing), but a
// program that also exports a few helpers (for its tests, or for a sibling program) and a library module
// that only such programs import are run the same way: by a person or a batch job watching its output,
// never by a Lambda. Client timeouts (`sdk-client-no-timeout`, `http-no-timeout`) ask nothing of them.
// Judged over the project's import graph: a module any Lambda handler module reaches, or any importer
// that is not such a program, stays judged; a library module nothing imports is judged as before.
import { commandLine } from './js/offServicePath.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';
import { packageDir } from './scriptCallers.js';

/** Modules followed up the import graph at most: a CLI's helpers sit a few modules below it. */
const MAX_MODULES = 50;

/** A server that starts listening (`app.listen(4999)`, `server.listen(port)`): a service, not a run. */
const SERVER = /\.listen\(/;

/**
 * A program's own signs, exports aside: a shebang, a `require.main === module` guard, `process.argv`.
 * A long-lived server reads its port or flags from `process.argv` too, yet nobody watches its requests.
 */
export function programText(source: string): boolean {
  if (source.includes('.listen(') && SERVER.test(source)) return false;
  if (commandLine(source)) return true;
  return (
    (source.includes('require.main') && /\brequire\.main\s*===?\s*module\b/.test(source)) ||
    (source.includes('process.argv') && /\bprocess\.argv\b/.test(source))
  );
}

const cache = new WeakMap<Project, Map<string, boolean>>();

/**
 * Is `file` run only by command-line programs (see above): a program itself that no other kind of
 * module imports, or a module every importer of which (transitively) is such a program?
 *
 * @example
 * cliOnly(project, '/app/task/lib/meta.js') // true: only task/collect.js and task/fabric.js (minimist over process.argv) import it
 */
export function cliOnly(project: Project, file: string): boolean {
  let known = cache.get(project);
  if (known === undefined) {
    known = new Map();
    cache.set(project, known);
  }
  const cached = known.get(file);
  if (cached !== undefined) return cached;
  const out = walk(project, file);
  known.set(file, out);
  return out;
}

/** Up the importers of `file`: each either a program, or itself imported only by programs. */
function walk(project: Project, file: string): boolean {
  const seen = new Set<string>([file]);
  const queue = [file];
  let programs = 0;
  while (queue.length > 0) {
    const f = queue.pop() as string;
    if (handlerModule(project, f)) return false;
    const kind = moduleKind(project, f);
    if (kind === 'unread') return false;
    if (kind === 'program') programs++;
    // A module that is no program and that nothing imports: a library, or an entry the scan cannot see.
    else if (kind === 'entry') return false;
    const importers = project.eventCallers.importersOf(f);
    for (const up of importers)
      if (!seen.has(up)) {
        if (seen.size >= MAX_MODULES) return false;
        seen.add(up);
        queue.push(up);
      }
  }
  return programs > 0;
}

/** How a walk up the importers counts a module (see moduleKind). */
type ModuleKind = 'unread' | 'program' | 'entry' | 'library';

const kinds = new WeakMap<Project, Map<string, ModuleKind>>();

/**
 * What `file` is to the walk: unreadable, a program, a non-program nothing imports, or a module imported
 * by others. Each walk from a different start passes the same shared helpers and programs again; the answer
 * depends only on the file's text and the project's import graph, so it is read, matched and remembered once
 * per project.
 */
function moduleKind(project: Project, file: string): ModuleKind {
  let known = kinds.get(project);
  if (known === undefined) {
    known = new Map();
    kinds.set(project, known);
  }
  const cached = known.get(file);
  if (cached !== undefined) return cached;
  const out = judgeModule(project, file);
  known.set(file, out);
  return out;
}

function judgeModule(project: Project, file: string): ModuleKind {
  const text = project.deferred.get(file) ?? readSource(file);
  if (text === undefined) return 'unread';
  const importers = project.eventCallers.importersOf(file);
  // A program that exports, imported by nothing in sight, beside Lambda handlers of its own package:
  // a dual-use module a handler may import (offPath fixture); in a package of jobs only, a program.
  if (programText(text) && !(importers.size === 0 && dualUse(project, file, text))) return 'program';
  return importers.size === 0 ? 'entry' : 'library';
}

/** A module exporting what a handler may import, in a package whose handlers the scan knows. */
function dualUse(project: Project, file: string, text: string): boolean {
  const root = project.rootDir;
  if (commandLine(text) || root === undefined) return false;
  return project.importerUses.knowsHandlersUnder(packageDir(file, root));
}

/** A Lambda handler module (the gate defers only modules without a handler's words: js/ruleGate.ts). */
function handlerModule(project: Project, file: string): boolean {
  if (project.deferred.has(file)) return false;
  const facts = project.factsOf(file);
  return facts?.handlers !== undefined && Object.keys(facts.handlers).length > 0;
}
