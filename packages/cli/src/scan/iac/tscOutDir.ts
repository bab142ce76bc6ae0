// A template's handler can name the module tsc writes (`./dist/form/postCreate/index.handler`) when the
// service is built by a plain `tsc` into its tsconfig.json's `outDir`: the source is the same path under
// tsc's root directory (`src/functions/form/postCreate/index.ts`). That root is the tsconfig's literal
// `rootDir`; `.` with `composite`; otherwise tsc's documented default, the longest common directory of the
// input files, worked out here from the `include` patterns' fixed folders (a wildcard-free folder entry,
// `"src"`, is tsc's `src/**/*`) by walking down while a folder holds no source file and one subfolder that
// holds sources (dot-folders, which tsc's wildcards skip, and `node_modules` are not looked into). Anything
// the scan cannot read exactly fails closed (no source named): an `extends` (the base may set rootDir or
// include), a `files` list, a computed or unreadable config, an include naming one file. `exclude` is not
// applied: a wrong root only names no module (the handler join needs a module at that path), so it costs a
// merge, never moves a finding elsewhere.
import { readdirSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { tsconfigOf } from '../tsconfigFile.js';

/** A folder's entries: its files and its subfolders (names only). */
export interface FolderEntries {
  readonly files: readonly string[];
  readonly dirs: readonly string[];
}

/** Folders tsc never compiles from by default (its `exclude` default), nor a build writes. */
const NEVER_INPUT = new Set(['node_modules', 'bower_components', 'jspm_packages', '.git']);

const TS_INPUT = /\.(?:[cm]?ts|tsx)$/;
const JS_INPUT = /\.(?:[cm]?js|jsx)$/;

/** `./src/` -> `src`; `.` -> ``; undefined for anything outside the folder or not a string. */
function relFolder(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const n = normalize(v).replace(/\/+$/, '');
  if (n === '.' || n === '') return '';
  return n.startsWith('..') || n.startsWith('/') ? undefined : n;
}

/**
 * The folders of `include` patterns before their first wildcard segment (`src/**\/*.ts` -> `src`); a
 * wildcard-free entry naming a folder `list` can read is that folder (tsc reads `src` as `src/**\/*`).
 */
function includeHeads(
  dir: string,
  include: unknown,
  list: (path: string) => FolderEntries | undefined,
): string[] | undefined {
  const patterns = include === undefined ? ['**/*'] : include;
  if (!Array.isArray(patterns) || patterns.length === 0) return undefined;
  const heads: string[] = [];
  for (const p of patterns) {
    if (typeof p !== 'string') return undefined;
    const segments = normalize(p).split('/');
    const wild = segments.findIndex((s) => /[*?]/.test(s));
    const head = relFolder(wild === -1 ? p : segments.slice(0, wild).join('/') || '.');
    if (head === undefined) return undefined;
    // A wildcard-free entry naming one file: not read (fail closed).
    if (wild === -1 && list(join(dir, head)) === undefined) return undefined;
    heads.push(head);
  }
  return heads;
}

/** The inputs' walk: which file names tsc compiles, and which folders it never reads or writes. */
interface Walk {
  readonly dir: string;
  readonly list: (path: string) => FolderEntries | undefined;
  readonly isInput: (name: string) => boolean;
  readonly outDir: string;
}

/** `at`'s subfolders tsc's wildcards may read: not a dot-folder, `node_modules` or the outDir. */
function readSubfolders(walk: Walk, at: string, entries: FolderEntries): string[] {
  return entries.dirs
    .filter((d) => !NEVER_INPUT.has(d) && !d.startsWith('.'))
    .map((d) => (at === '' ? d : `${at}/${d}`))
    .filter((d) => d !== walk.outDir);
}

/**
 * Whether folder `at` holds an input file at any depth. A folder that cannot be listed, or a tree deeper
 * or wider than the budget, counts as holding one: the walk then stops higher, at a root that is an
 * ancestor of tsc's, whose mapped paths name no module (fails safe).
 */
function holdsInput(walk: Walk, at: string, budget: { folders: number }, depth = 0): boolean {
  const entries = walk.list(join(walk.dir, at));
  if (entries === undefined || depth > 20 || --budget.folders < 0) return true;
  if (entries.files.some(walk.isInput)) return true;
  return readSubfolders(walk, at, entries).some((d) => holdsInput(walk, d, budget, depth + 1));
}

/**
 * The deepest folder at or below `head` that still holds every input file under it (tsc's common root);
 * null when it holds none (the pattern adds no input), undefined when it cannot be read.
 */
function commonInputFolder(walk: Walk, head: string): string | null | undefined {
  let at = head;
  const budget = { folders: 2000 };
  for (let depth = 0; depth < 20; depth++) {
    const entries = walk.list(join(walk.dir, at));
    if (entries === undefined) return undefined;
    if (entries.files.some(walk.isInput)) return at;
    const subs = readSubfolders(walk, at, entries).filter((d) => holdsInput(walk, d, budget));
    if (subs.length !== 1) return subs.length === 0 ? null : at;
    at = subs[0] as string;
  }
  return undefined;
}

/** The longest common folder of relative folders (`a/b/c`, `a/b/d` -> `a/b`). */
function commonFolder(folders: readonly string[]): string {
  const parts = folders.map((f) => (f === '' ? [] : f.split('/')));
  const first = parts[0] ?? [];
  let n = 0;
  while (n < first.length && parts.every((p) => p[n] === first[n])) n++;
  return first.slice(0, n).join('/');
}

/** tsc's output folder and the root folder it compiles from, both relative to the tsconfig's folder. */
export interface TscFolders {
  readonly outDir: string;
  readonly rootDir: string;
}

/**
 * tsc's `outDir` and root folder for `config`, the parsed tsconfig.json in `dir` (both relative to `dir`),
 * or undefined when they cannot be read exactly.
 * @example
 * // tsconfig.json: { "compilerOptions": { "outDir": "dist" }, "include": ["src/**\/*.ts"] },
 * // every source under src/functions/
 * tscFolders('/svc', tsconfigOf('/svc'), listFolder) // { outDir: 'dist', rootDir: 'src/functions' }
 */
export function tscFolders(
  dir: string,
  parsed: unknown,
  list: (path: string) => FolderEntries | undefined,
): TscFolders | undefined {
  if (parsed === undefined || parsed === null || typeof parsed !== 'object') return undefined;
  const config = parsed as Record<string, unknown>;
  const options = config.compilerOptions as Record<string, unknown> | undefined;
  if (options === undefined || options === null || typeof options !== 'object') return undefined;
  const outDir = relFolder(options.outDir);
  if (outDir === undefined || outDir === '') return undefined;
  const literalRoot = relFolder(options.rootDir);
  if (literalRoot !== undefined) return { outDir, rootDir: literalRoot };
  if (options.rootDir !== undefined) return undefined;
  if (options.composite === true) return { outDir, rootDir: '' };
  if (config.extends !== undefined || config.files !== undefined) return undefined;
  const heads = includeHeads(dir, config.include, list);
  if (heads === undefined) return undefined;
  const isInput = (name: string) =>
    !/\.d\.[cm]?ts$/.test(name) && (TS_INPUT.test(name) || (options.allowJs === true && JS_INPUT.test(name)));
  const walk: Walk = { dir, list, isInput, outDir };
  const roots: string[] = [];
  for (const head of heads) {
    const root = commonInputFolder(walk, head);
    if (root === undefined) return undefined;
    if (root !== null) roots.push(root);
  }
  return roots.length === 0 ? undefined : { outDir, rootDir: commonFolder(roots) };
}

const onDisk = new Map<string, TscFolders | undefined>();

/**
 * tsc's folders for the tsconfig.json on disk in `dir`, cached per folder: a serverless.yml asks once per
 * batch event, and the inference walks the source tree.
 */
export function tscFoldersAt(dir: string): TscFolders | undefined {
  if (!onDisk.has(dir)) onDisk.set(dir, tscFolders(dir, tsconfigOf(dir), listFolder));
  return onDisk.get(dir);
}

/**
 * The source-module handler strings (absolute, under `dir`) of handlers that name tsc's output in `dir`'s
 * tsconfig.json `outDir`: `dist/form/x/index.handler` -> `<dir>/<rootDir>/form/x/index.handler`.
 */
export function tscSourceHandlers(
  dir: string,
  handlers: readonly string[],
  foldersOf: (dir: string) => TscFolders | undefined = tscFoldersAt,
): string[] {
  const out: string[] = [];
  let folders: TscFolders | undefined | null = null;
  for (const h of handlers) {
    const dot = h.lastIndexOf('.');
    if (dot <= 0) continue;
    const written = normalize(h.slice(0, dot));
    if (written.startsWith('..') || written.startsWith('/')) continue;
    if (folders === null) folders = foldersOf(dir);
    if (folders === undefined) return [];
    if (!written.startsWith(`${folders.outDir}/`)) continue;
    out.push(`${join(dir, folders.rootDir, written.slice(folders.outDir.length + 1))}${h.slice(dot)}`);
  }
  return out;
}

/** A folder's files and subfolders on disk; undefined when it cannot be read. */
export function listFolder(path: string): FolderEntries | undefined {
  try {
    const entries = readdirSync(path, { withFileTypes: true });
    return {
      files: entries.filter((e) => e.isFile()).map((e) => e.name),
      dirs: entries.filter((e) => e.isDirectory()).map((e) => e.name),
    };
  } catch {
    return undefined;
  }
}

/**
 * The source stems (absolute) of a template's handler stems (relative to template folder `dir`) that name
 * tsc's output: `dist/handlers/send` -> `<dir>/src/handlers/send` (tsconfig.json outDir `dist`, rootDir
 * `src`). Empty when none names it, or the tsconfig cannot be read exactly.
 */
export function tscSourceStems(
  dir: string,
  stems: readonly string[],
  foldersOf: (dir: string) => TscFolders | undefined = tscFoldersAt,
): string[] {
  return tscSourceHandlers(
    dir,
    stems.map((s) => `${s}.x`),
    foldersOf,
  ).map((h) => h.slice(0, -2));
}
