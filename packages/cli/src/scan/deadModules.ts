// A run-time finding (a client or request with no timeout, a retry, a swallowed failure) in a module nothing
// can load sends nothing and hides nothing: a reviewer deletes such code rather than hardens it. A module is
// judged dead only on evidence that it is no entry point and no dependency of one: no project module imports,
// requires, dynamically imports or re-exports it, or those that import it never use what they bind
// (idleImporters.ts); no text file of the repository (a template's handler string, a
// CDK `entry` path, package.json `main` / `bin` / `scripts`, a Dockerfile, another module's path string, a
// bundle in a cloud assembly under any name) names its file as a path or handler string (moduleMentions.ts: not
// in prose, not as a class name, not in a relative import of another file of that name); generated folders
// (node_modules, cdk.out, .serverless, .aws-sam, coverage, .next) and files over 1 MB not read; it exports no
// Lambda handler; it is no folder's `index`; nothing in its package loads modules by a computed path or by
// listing a folder; and its package's handler graph is known (some handler there calls project code). Anything
// less (an import the scan failed to resolve, a path alias) keeps it.
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { isCloudAssembly } from './cloudAssembly.js';
import { listsDataOnly } from './dataListing.js';
import { escapeRegExp } from './escapeRegExp.js';
import { idleImports, withoutDeclarations } from './idleImporters.js';
import type { ImportDeclaration } from './importDeclarations.js';
import type { Candidate } from './js/Candidate.js';
import { mentionsModule } from './moduleMentions.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';
import { packageDir } from './scriptCallers.js';
import { RUN_TIME_RULES } from './unnamedExports.js';

/** Folders that hold no entry point a deployment names: installed packages, build output, caches. */
const SKIPPED = new Set(['node_modules', '.git', 'cdk.out', '.serverless', '.aws-sam', 'coverage', '.next']);
/** Text files that can name a module as an entry; documentation and data are not evidence. */
const TEXT =
  /\.(?:[cm]?[jt]sx?|json|ya?ml|tf|hcl|toml|sh|ps1|py|cfg|ini|env)$|(?:^|\/)(?:Dockerfile|Makefile|Procfile)[^/]*$/;
/** Beyond this many files the walk gives up: an unread file could name the module. */
const MAX_FILES = 20_000;
const MAX_BYTES = 1_000_000;
/**
 * A module loaded by a computed path (`require(name)`, `import(\`./jobs/${job}\`)`, `require('./tasks/' + task)`):
 * the last form was once kept alive only by a listing in the same package, which dataListing.ts now lets go.
 */
export const COMPUTED_LOAD = /\b(?:require|import)\s*\(\s*(?:[A-Za-z_$]|`[^`]*\$\{|(['"])[^'"\n]*\1\s*\+)/;
/** A folder listed (`readdirSync(dir)`, `glob('src/**')`) whose files may then be loaded. */
const LISTING = /\b(?:readdir|glob)(?:Sync)?\s*\(([^)]*)\)/g;

/**
 * May the text load modules it never names: by a computed path, or by listing a folder? Listing
 * `node_modules` (a bundler config marking packages external, as webpack configs do) loads none of the project's;
 * nor does a listing filtered at once to one data extension (dataListing.ts).
 */
function loadsUnnamed(text: string): boolean {
  if (COMPUTED_LOAD.test(text)) return true;
  for (const m of text.matchAll(LISTING)) {
    if ((m[1] ?? '').includes('node_modules')) continue;
    // A listing filtered at once to data files (`.json` outputs) loads no module.
    if (listsDataOnly(text.slice(m.index + m[0].length - 1))) continue;
    return true;
  }
  return false;
}

interface TreeFile {
  readonly file: string;
  readonly text: string;
  /** loadsUnnamed of the text, asked the first time a module of its package is judged. */
  loads?: boolean;
}

interface Tree {
  readonly root: string;
  readonly files: readonly TreeFile[];
  /**
   * Cloud assemblies under any name (`cdk.out.deploy`): their text files were counted but not read. A bundle
   * there is built from a deployed entry point, so it is evidence the modules it names are used; it is read
   * only when a module would otherwise be judged dead, which few are.
   */
  readonly assemblies: readonly string[];
  /** Their text files, read the first time they are needed. */
  assemblyFiles?: readonly TreeFile[];
  /** The walk stopped early: some file was not read. */
  readonly partial: boolean;
  /**
   * unnamedInTree per module: every candidate of a module asks the same question of the whole tree, and the
   * answer depends only on the module's path and its package, never on the candidate.
   */
  readonly unnamed: Map<string, boolean>;
}

/** Per scan (each scan builds its own Project): a later scan of the same root sees the files as they are then. */
const trees = new WeakMap<Project, Tree>();
const projectRoots = new WeakMap<Project, Map<string, boolean>>();

/** A root-level file that says the scan root is a project of its own: IaC templates and framework configs. */
const PROJECT_FILE =
  /^(?:package\.json|serverless\.(?:ya?ml|ts|js|json)|template\.(?:ya?ml|json)|samconfig\.toml|cdk\.json|[^/]+\.tf|(?:next|nuxt|vite|astro|remix|svelte)\.config\.[cm]?[jt]s|nest-cli\.json|vercel\.json|netlify\.toml|amplify\.ya?ml)$/;

/**
 * Is the module's package (the nearest folder with a package.json, else the scan root) a project of its own: its
 * own package.json, an IaC template or a framework config? A fixture subfolder or a made-up project scanned as
 * the root is not: what loads its modules lies outside the walk, so no module there can be judged dead.
 */
function ownProject(project: Project, root: string): boolean {
  let roots = projectRoots.get(project);
  if (roots === undefined) {
    roots = new Map();
    projectRoots.set(project, roots);
  }
  let known = roots.get(root);
  if (known === undefined) {
    try {
      known = readdirSync(root).some((name) => PROJECT_FILE.test(name));
    } catch {
      known = false;
    }
    roots.set(root, known);
  }
  return known;
}

/**
 * Is `c` in a module nothing can load (see above)?
 *
 * @example
 * deadModule(project, '/app/src/legacyHook.ts', c) // true: no import of it and no file names `legacyHook`
 */
export function deadModule(project: Project, file: string, c: Candidate): boolean {
  if (!RUN_TIME_RULES.has(c.rule)) return false;
  const root = project.rootDir;
  const stem = basename(file, extname(file));
  if (root === undefined || stem === 'index' || stem.length < 3) return false;
  if (Object.keys(project.factsOf(file)?.handlers ?? {}).length > 0) return false;
  const pkg = packageDir(file, root);
  if (!ownProject(project, pkg)) return false;
  if (!project.importerUses.knowsHandlersUnder(pkg)) return false;
  let idle: Map<string, ImportDeclaration[]> | undefined;
  if (project.eventCallers.importedBy(file)) {
    idle = idleImports(project, file);
    if (idle === undefined) return false;
  }
  const tree = treeOf(project, root);
  if (tree.partial) return false;
  let unnamed = tree.unnamed.get(file);
  if (unnamed === undefined) {
    unnamed = unnamedInTree(tree, file, stem, pkg, idle);
    tree.unnamed.set(file, unnamed);
  }
  return unnamed;
}

/**
 * No other file of the tree names `stem` (an idle importer's declarations aside), and no code file of its package loads modules it does not name. The
 * assemblies' files are asked last, and only then read: the answer is the same as if they had been read first.
 */
function unnamedInTree(
  tree: Tree,
  file: string,
  stem: string,
  pkg: string,
  idle?: ReadonlyMap<string, readonly ImportDeclaration[]>,
): boolean {
  const named = new RegExp(`(?:^|[^\\w$-])${escapeRegExp(stem)}(?![\\w$-])`);
  const unnamedIn = (files: readonly TreeFile[]): boolean => {
    for (const other of files) {
      if (other.file === file) continue;
      // An idle importer's own import of the module names its path, and loads nothing used.
      const declarations = idle?.get(other.file);
      const text = declarations === undefined ? other.text : withoutDeclarations(other.text, declarations);
      if (named.test(text) && mentionsModule(text, other.file, file, stem)) return false;
      if (other.file.startsWith(pkg) && /\.[cm]?[jt]sx?$/.test(other.file)) {
        other.loads ??= loadsUnnamed(other.text);
        if (other.loads) return false;
      }
    }
    return true;
  };
  if (!unnamedIn(tree.files)) return false;
  tree.assemblyFiles ??= tree.assemblies.flatMap(
    (dir) => readTextFiles(dir, tree.root, Number.POSITIVE_INFINITY).files,
  );
  return unnamedIn(tree.assemblyFiles);
}

/** Every text file under the project's root with its text, read once per scan; assemblies only counted. */
function treeOf(project: Project, root: string): Tree {
  const cached = trees.get(project);
  if (cached !== undefined) return cached;
  const assemblies: string[] = [];
  const { files, partial } = readTextFiles(root, root, MAX_FILES, assemblies);
  const tree = { root, files, assemblies, partial, unnamed: new Map<string, boolean>() };
  trees.set(project, tree);
  return tree;
}

/**
 * Every text file of the scan root, read once per scan and shared with the dead-module check; undefined when
 * the read stopped early (an unread file could say anything).
 */
export function treeTexts(
  project: Project,
  root: string,
): readonly { readonly file: string; readonly text: string }[] | undefined {
  const tree = treeOf(project, root);
  return tree.partial ? undefined : tree.files;
}

/**
 * The text files under `dir` (their paths tested against TEXT relative to `root`), read until `limit` files are
 * held: `partial` when a further one is met. With `assemblies`, a cloud assembly below `dir` is not read but
 * listed there, its text files (those that would be held) counted toward `limit` without reading them.
 */
function readTextFiles(
  dir: string,
  root: string,
  limit: number,
  assemblies?: string[],
): { files: TreeFile[]; partial: boolean } {
  const files: TreeFile[] = [];
  let counted = 0;
  let partial = false;
  walkTextFiles(
    dir,
    root,
    (path, assembly) => {
      if (files.length + counted >= limit) {
        partial = true;
        return false;
      }
      if (size(path) > MAX_BYTES) return true;
      if (assembly) counted++;
      else {
        const text = readSource(path);
        if (text !== undefined) files.push({ file: path, text });
      }
      return true;
    },
    assemblies,
  );
  return { files, partial };
}

/**
 * Calls `visit` on every text file under `dir` (not in SKIPPED folders) until it answers false. With
 * `assemblies`, a cloud assembly below `dir` is recorded there and its files visited with `assembly` true.
 */
function walkTextFiles(
  dir: string,
  root: string,
  visit: (path: string, assembly: boolean) => boolean,
  assemblies?: string[],
): void {
  const stack: { dir: string; assembly: boolean }[] = [{ dir, assembly: false }];
  while (stack.length > 0) {
    const at = stack.pop() as { dir: string; assembly: boolean };
    let entries: Dirent[];
    try {
      entries = readdirSync(at.dir, { withFileTypes: true });
    } catch {
      continue;
    }
    let assembly = at.assembly;
    if (!assembly && assemblies !== undefined && at.dir !== dir && isCloudAssembly(entries)) {
      assemblies.push(at.dir);
      assembly = true;
    }
    for (const e of entries) {
      const path = join(at.dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name)) stack.push({ dir: path, assembly });
      } else if (e.isFile() && TEXT.test(relative(root, path))) {
        if (!visit(path, assembly)) return;
      }
    }
  }
}

function size(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
