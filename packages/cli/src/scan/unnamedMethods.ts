// A method of an exported class or singleton (`export const calendar = new CalendarService()`) runs only
// if some module names it: through an instance (`calendar.getBookings()`), as a static, by destructuring or
// handed on as a callback. When the project imports the class's module for its other methods and no module
// of the package, nor any importer, names this one, it is dead code a reviewer deletes rather than hardens,
// as an export no importer names is (unnamedExports.ts). Judged only where the package's handler graph is
// known; a computed member call in an importer (`service[action]()`), or a package published as a library
// (its callers live outside the scan), keeps the finding. The module's own side (js/reachedMethods.ts) has
// already left out decorated classes, subclasses, interface implementations and methods it names itself.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeRegExp } from './escapeRegExp.js';
import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';
import { packageDir } from './scriptCallers.js';
import { RUN_TIME_RULES } from './unnamedExports.js';

/** A call through a computed member with a variable key (`handlers[type](event)`): any method may be meant. */
const COMPUTED_CALL = /[\w$)\]]\s*(?:\?\.)?\[\s*[A-Za-z_$][\w$.]*\s*\]\s*(?:\?\.)?\(/;
/** Files that make a package a deployed service rather than a library others install. */
const DEPLOYS = [
  'serverless.yml',
  'serverless.yaml',
  'serverless.ts',
  'serverless.json',
  'template.yaml',
  'template.yml',
  'template.json',
  'cdk.json',
  'sst.config.ts',
];

/** Per project: the source text of each package's modules, and the answers already given per package and name. */
const packages = new WeakMap<Project, Map<string, PackageTexts>>();

/** A project module and its text. */
export interface SourceText {
  readonly file: string;
  readonly text: string;
}

interface PackageTexts {
  readonly published: boolean;
  /** The package's modules with their text, read the first time a method of it is looked for. */
  modules?: readonly SourceText[];
  /** Per file and method: is it named outside its module? */
  readonly named: Map<string, boolean>;
}

/**
 * Is `c` in a method of an exported class that no module of its package, nor any importer, names?
 *
 * @example
 * unnamedMethod(project, '/app/src/calendar.ts', c) // true: c.reachedMethod 'getBookings', named nowhere else
 */
export function unnamedMethod(project: Project, file: string, c: Candidate): boolean {
  const method = c.reachedMethod;
  const exports = c.reachedThrough;
  if (method === undefined || exports === undefined || !RUN_TIME_RULES.has(c.rule)) return false;
  const root = project.rootDir;
  if (root === undefined) return false;
  const pkg = packageDir(file, root);
  // A workspace library with no handler of its own keeps its findings: readers hold its exported methods to
  // be its contract (the handlers of other packages may call them later), as unnamedExports.ts does.
  if (!project.importerUses.knowsHandlersUnder(pkg)) return false;
  const entry = packageOf(project, pkg);
  if (entry.published) return false;
  // Evidence the module is loaded and its imports resolve: an unresolved import looks like no caller.
  const importers = [...project.eventCallers.importersOf(file)];
  if (importers.length === 0) return false;
  const instance = new RegExp(`\\b(?:${exports.map(escapeRegExp).join('|')})\\s*(?:\\?\\.)?\\[`);
  const word = new RegExp(`(?<![\\w$])${escapeRegExp(method)}(?![\\w$])`);
  for (const importer of importers) {
    const text = project.deferred.get(importer) ?? readSource(importer);
    if (text === undefined || COMPUTED_CALL.test(text) || instance.test(text) || word.test(text))
      return false;
  }
  const key = `${file}\0${method}`;
  let named = entry.named.get(key);
  if (named === undefined) {
    // The module itself names it once, at its declaration (js/reachedMethods.ts); any other file is a caller.
    named = modulesOf(project, pkg, entry).some((m) => m.file !== file && word.test(m.text));
    entry.named.set(key, named);
  }
  return !named;
}

/**
 * The modules of the package `file` sits in, with their text, read once per project and package.
 *
 * @example packageModules(project, '/app/src/accounts.js') // [{ file: '/app/src/create.js', text: '...' }, ...]
 */
export function packageModules(project: Project, file: string): readonly SourceText[] {
  const root = project.rootDir;
  if (root === undefined) return [];
  const pkg = packageDir(file, root);
  return modulesOf(project, pkg, packageOf(project, pkg));
}

/** The package's manifest verdict and answers, kept once per project and package. */
function packageOf(project: Project, pkg: string): PackageTexts {
  let byPackage = packages.get(project);
  if (byPackage === undefined) {
    byPackage = new Map();
    packages.set(project, byPackage);
  }
  let entry = byPackage.get(pkg);
  if (entry === undefined) {
    entry = { published: published(pkg), named: new Map() };
    byPackage.set(pkg, entry);
  }
  return entry;
}

/** The project modules under the package folder, with their text. */
function modulesOf(project: Project, pkg: string, entry: PackageTexts): readonly SourceText[] {
  if (entry.modules !== undefined) return entry.modules;
  const modules: { file: string; text: string }[] = [];
  for (const file of project.files) {
    if (!file.startsWith(pkg)) continue;
    const text = project.deferred.get(file) ?? readSource(file);
    if (text !== undefined) modules.push({ file, text });
  }
  entry.modules = modules;
  return modules;
}

/**
 * A package others install: not private, with an entry point, and deploying nothing of its
 * own (a `main: serverless.ts` service is no library).
 */
function published(pkg: string): boolean {
  let manifest: { private?: unknown; main?: unknown; exports?: unknown };
  try {
    manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  } catch {
    return false;
  }
  const entry = manifest.exports ?? manifest.main;
  if (manifest.private === true || entry === undefined) return false;
  return !DEPLOYS.some((name) => existsSync(join(pkg, name)));
}
