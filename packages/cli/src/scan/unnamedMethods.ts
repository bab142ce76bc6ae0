// A method of an exported class or singleton (`export const invoices = new InvoiceService()`) runs only
// if some module names it: through an instance (`invoices.voidInvoice()`), as a static, by destructuring or
// handed on as a callback. When the project imports the class's module for its other methods and no other
// module of the project (another package may reach the instance through a module in between), nor any
// importer, names this one, it is dead code a reviewer deletes rather than hardens,
// as an export no importer names is (unnamedExports.ts). Judged only where the package's handler graph is
// known; a computed member call in an importer or in the class's own module (`service[action]()`,
// `this[action]()`), or a package published as a library (its callers live outside the scan), keeps the
// finding. The module's own side (js/reachedMethods.ts) has already left out decorated classes, subclasses,
// interface implementations and methods it names itself. Each module's words are read once per scan, so
// a class of thousands of methods imported by hundreds of modules stays linear.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeRegExp } from './escapeRegExp.js';
import { insideRoot } from './insideRoot.js';
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

/** Per project: each package's manifest verdict, the words its modules write, and what each read module holds. */
const packages = new WeakMap<Project, ProjectTexts>();

interface ProjectTexts {
  readonly byPackage: Map<string, PackageTexts>;
  /** Per word, the one module of the project writing it, or true when several do (built on first use). */
  writers?: ReadonlyMap<string, string | true>;
  /** Per module read: its words, and whether it calls a computed member; undefined when it cannot be read. */
  readonly modules: Map<string, ModuleWords | undefined>;
}

interface ModuleWords {
  readonly words: ReadonlySet<string>;
  readonly computedCall: boolean;
  readonly text: string;
}

/** A project module and its text. */
export interface SourceText {
  readonly file: string;
  readonly text: string;
}

interface PackageTexts {
  readonly published: boolean;
}

/**
 * Is `c` in a method of an exported class that no module of its package, nor any importer, names?
 *
 * @example
 * unnamedMethod(project, '/app/src/invoices.ts', c) // true: c.reachedMethod 'voidInvoice', named nowhere else
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
  const texts = textsOf(project);
  const entry = packageOf(texts, pkg, root);
  if (entry.published) return false;
  // The class may call its own methods by a computed member (`this[action]()`): any of them may run.
  if (wordsOf(project, texts, file)?.computedCall !== false) return false;
  // Evidence the module is loaded and its imports resolve: an unresolved import looks like no caller.
  const importers = [...project.eventCallers.importersOf(file)];
  if (importers.length === 0) return false;
  const instance = new RegExp(`(?<![\\w$])(?:${exports.map(escapeRegExp).join('|')})\\s*(?:\\?\\.)?\\[`);
  for (const importer of importers) {
    const m = wordsOf(project, texts, importer);
    if (m === undefined || m.computedCall || m.words.has(method)) return false;
    if (exports.some((e) => m.words.has(e)) && instance.test(m.text)) return false;
  }
  // The module itself names it once, at its declaration (js/reachedMethods.ts); any other file is a caller.
  // Any module of the project, not only the package's: another package may reach the instance through a
  // module that re-exports it (`services.invoices.voidInvoice()`), which no importer of the class shows.
  texts.writers ??= writersOf(project, texts);
  const writer = texts.writers.get(method);
  return writer === undefined || writer === file;
}

/**
 * Every module of the project with its text and words, each read once per scan: callers of a method may sit in
 * another package and reach the instance through a module in between.
 *
 * @example projectModules(project).filter((m) => m.words.has('voidInvoice'))
 */
export function projectModules(
  project: Project,
): readonly (SourceText & { readonly words: ReadonlySet<string> })[] {
  const texts = textsOf(project);
  const modules: (SourceText & { readonly words: ReadonlySet<string> })[] = [];
  for (const f of project.files) {
    const m = wordsOf(project, texts, f);
    if (m !== undefined) modules.push({ file: f, text: m.text, words: m.words });
  }
  return modules;
}

/** The texts kept for `project`, made on first use. */
function textsOf(project: Project): ProjectTexts {
  let texts = packages.get(project);
  if (texts === undefined) {
    texts = { byPackage: new Map(), modules: new Map() };
    packages.set(project, texts);
  }
  return texts;
}

/** The package's manifest verdict and words, kept once per project and package. */
function packageOf(texts: ProjectTexts, pkg: string, root: string): PackageTexts {
  let entry = texts.byPackage.get(pkg);
  if (entry === undefined) {
    entry = { published: published(pkg, root) };
    texts.byPackage.set(pkg, entry);
  }
  return entry;
}

/** What `file` writes (read once per scan): its whole words (`[\w$]+`) and whether it calls a computed member. */
function wordsOf(project: Project, texts: ProjectTexts, file: string): ModuleWords | undefined {
  if (texts.modules.has(file)) return texts.modules.get(file);
  const text = project.deferred.get(file) ?? readSource(file);
  const words =
    text === undefined
      ? undefined
      : { words: new Set(text.match(/[\w$]+/g)), computedCall: COMPUTED_CALL.test(text), text };
  texts.modules.set(file, words);
  return words;
}

/** Per word, the module of the project that writes it, or true when several do. */
function writersOf(project: Project, texts: ProjectTexts): ReadonlyMap<string, string | true> {
  const writers = new Map<string, string | true>();
  for (const file of project.files) {
    for (const word of wordsOf(project, texts, file)?.words ?? []) {
      const seen = writers.get(word);
      if (seen === undefined) writers.set(word, file);
      else if (seen !== file) writers.set(word, true);
    }
  }
  return writers;
}

/**
 * A package others install: not private, with an entry point, and deploying nothing of its
 * own (a `main: serverless.ts` service is no library).
 */
function published(pkg: string, root: string): boolean {
  let manifest: { private?: unknown; main?: unknown; exports?: unknown };
  if (!insideRoot(root, join(pkg, 'package.json'))) return false; // a manifest linked from outside is absent
  try {
    manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  } catch {
    return false;
  }
  const entry = manifest.exports ?? manifest.main;
  if (manifest.private === true || entry === undefined) return false;
  return !DEPLOYS.some((name) => existsSync(join(pkg, name)));
}
