// Code only operator scripts reach. A shared module's exported function that a command-line program calls
// (a reindex or bulk-load script under `scripts/`, a program with a shebang or a `require.main === module`
// guard) and that no handler reaches is run by a person watching its output, who sees a hang or a logged
// failure and reruns it: a finding there is not on a Lambda's path. Judged only where the project's
// handler graph is known (some handler calls project code) and a script is seen calling the function; a
// library with no handlers, or an export nothing visibly calls, keeps its findings.

import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { importSources, mentions } from './callerText.js';
import { type FileWalk, filesUnder } from './filesUnder.js';
import { commandLine } from './js/offServicePath.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';

/** Folders of operator scripts, skipped by the directory walk (config.ts) and so read here. */
const SCRIPT_FOLDER = 'scripts';
const SCRIPT_FILE = /\.(?:[cm]?[jt]s)$/;
/** Script files read per folder at most, and folder depth: a scripts folder is a handful of programs. */
const MAX_FILES = 200;
const MAX_DEPTH = 2;
/** Script files a few folders deep, outside node_modules; declarations are not programs. */
const SCRIPT_WALK: FileWalk = {
  enter: (name, depth) => depth <= MAX_DEPTH && name !== 'node_modules',
  take: (e) => e.isFile() && SCRIPT_FILE.test(e.name) && !e.name.endsWith('.d.ts'),
};

const folderCache = new WeakMap<Project, Map<string, readonly { file: string; text: string }[]>>();

/**
 * Do only operator scripts call the exports `names` of `file` (see above)?
 *
 * @example
 * scriptOnly(project, '/app/lib/platform-api/requests.js', ['itemById']) // true: only scripts/reindex-record.js calls it
 */
export function scriptOnly(project: Project, file: string, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  const uses = project.importerUses;
  const root = project.rootDir;
  if (root === undefined) return false;
  if (!uses.knowsHandlersUnder(packageDir(file, root)) || uses.onHandlerPath(file, names)) return false;
  let seen = false;
  for (const caller of project.eventCallers.mentioning(file, names)) {
    const text = project.deferred.get(caller) ?? readSource(caller);
    if (text === undefined || !isScript(project, caller, text)) return false;
    seen = true;
  }
  return seen || scriptFolderCalls(project, file, names);
}

const packageDirs = new Map<string, string>();

/**
 * The folder of the nearest `package.json` above `file` (the scan root when none): a monorepo's library
 * package with no handler of its own keeps its findings, whatever handlers its sibling packages have.
 */
export function packageDir(file: string, root: string): string {
  const start = dirname(file);
  const key = `${root}\0${start}`;
  const cached = packageDirs.get(key);
  if (cached !== undefined) return cached;
  let dir = start;
  while (dir.startsWith(root) && dir !== root && !existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  const out = dir.startsWith(root) ? `${dir}${sep}` : `${root}${sep}`;
  packageDirs.set(key, out);
  return out;
}

/** A module the scan reads that is a command-line program, or sits in a scripts folder. */
function isScript(project: Project, file: string, text: string): boolean {
  const rel = project.rootDir === undefined ? file : relative(project.rootDir, file);
  return rel.split(sep).slice(0, -1).includes(SCRIPT_FOLDER) || commandLine(text);
}

/** Does a script in a `scripts/` folder beside `file` or above it (up to the scan root) import and name it? */
function scriptFolderCalls(project: Project, file: string, names: readonly string[]): boolean {
  const root = project.rootDir as string;
  for (let dir = dirname(file); dir.startsWith(root); dir = dirname(dir)) {
    for (const script of scriptsIn(project, join(dir, SCRIPT_FOLDER)))
      if (
        (names.includes('default') || mentions(script.text, names)) &&
        importSources(script.text).some((source) => project.resolveModule(script.file, source) === file)
      )
        return true;
    if (dir === root) break;
  }
  return false;
}

/** The script files of a folder (a few levels deep), read once per project. */
function scriptsIn(project: Project, folder: string): readonly { file: string; text: string }[] {
  let cache = folderCache.get(project);
  if (cache === undefined) {
    cache = new Map();
    folderCache.set(project, cache);
  }
  const cached = cache.get(folder);
  if (cached !== undefined) return cached;
  const out: { file: string; text: string }[] = [];
  for (const path of filesUnder(folder, SCRIPT_WALK)) {
    const text = readSource(path);
    if (text !== undefined && out.push({ file: path, text }) >= MAX_FILES) break;
  }
  cache.set(folder, out);
  return out;
}
