// A template's handler can name the module tsc writes (`./dist/form/postCreate/index.handler`) when the
// service is built by a plain `tsc` into its tsconfig.json's `outDir`: the source is the same path under
// tsc's root directory (`src/functions/form/postCreate/index.ts`). That root is the tsconfig's literal
// `rootDir`; `.` with `composite`; otherwise tsc's documented default, the longest common directory of the
// input files, worked out here from the `include` patterns' fixed folders by walking down while a folder
// holds no source file and one subfolder only. Anything the scan cannot read exactly fails closed (no
// source named): an `extends` (the base may set rootDir or include), a `files` list, a computed or
// unreadable config, an include with no fixed folder. A wrong root only names no module (the handler join
// needs a module at that path), so an `exclude` the walk does not apply cannot move a finding elsewhere.
import { readdirSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { parseJsonc } from '../tsconfigPaths.js';

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

/** The folders of `include` patterns before their first wildcard segment (`src/**\/*.ts` -> `src`). */
function includeHeads(include: unknown): string[] | undefined {
  const patterns = include === undefined ? ['**/*'] : include;
  if (!Array.isArray(patterns) || patterns.length === 0) return undefined;
  const heads: string[] = [];
  for (const p of patterns) {
    if (typeof p !== 'string') return undefined;
    const segments = normalize(p).split('/');
    const wild = segments.findIndex((s) => /[*?]/.test(s));
    // A pattern naming one file or folder without a wildcard: not read (fail closed).
    if (wild === -1) return undefined;
    const head = relFolder(segments.slice(0, wild).join('/') || '.');
    if (head === undefined) return undefined;
    heads.push(head);
  }
  return heads;
}

/** The deepest folder at or below `head` that still holds every input file under it (tsc's common root). */
function commonInputFolder(
  dir: string,
  head: string,
  list: (path: string) => FolderEntries | undefined,
  isInput: (name: string) => boolean,
  outDir: string,
): string | undefined {
  let at = head;
  for (let depth = 0; depth < 20; depth++) {
    const entries = list(join(dir, at));
    if (entries === undefined) return undefined;
    if (entries.files.some(isInput)) return at;
    const subs = entries.dirs.filter((d) => !NEVER_INPUT.has(d) && (at === '' ? d : `${at}/${d}`) !== outDir);
    if (subs.length !== 1) return subs.length === 0 ? undefined : at;
    at = at === '' ? (subs[0] as string) : `${at}/${subs[0]}`;
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

/**
 * tsc's `outDir` and root folder for the tsconfig.json in `dir` (both relative to `dir`), or undefined when
 * they cannot be read exactly.
 * @example
 * // tsconfig.json: { "compilerOptions": { "outDir": "dist" }, "include": ["src/**\/*.ts"] },
 * // every source under src/functions/
 * tscFolders('/svc', read, list) // { outDir: 'dist', rootDir: 'src/functions' }
 */
export function tscFolders(
  dir: string,
  read: (path: string) => string | undefined,
  list: (path: string) => FolderEntries | undefined,
): { outDir: string; rootDir: string } | undefined {
  const text = read(join(dir, 'tsconfig.json'));
  if (text === undefined) return undefined;
  let config: Record<string, unknown>;
  try {
    config = parseJsonc(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (config === null || typeof config !== 'object') return undefined;
  const options = config.compilerOptions as Record<string, unknown> | undefined;
  if (options === undefined || options === null || typeof options !== 'object') return undefined;
  const outDir = relFolder(options.outDir);
  if (outDir === undefined || outDir === '') return undefined;
  const literalRoot = relFolder(options.rootDir);
  if (literalRoot !== undefined) return { outDir, rootDir: literalRoot };
  if (options.rootDir !== undefined) return undefined;
  if (options.composite === true) return { outDir, rootDir: '' };
  if (config.extends !== undefined || config.files !== undefined) return undefined;
  const heads = includeHeads(config.include);
  if (heads === undefined) return undefined;
  const isInput = (name: string) =>
    !/\.d\.[cm]?ts$/.test(name) && (TS_INPUT.test(name) || (options.allowJs === true && JS_INPUT.test(name)));
  const roots: string[] = [];
  for (const head of heads) {
    const root = commonInputFolder(dir, head, list, isInput, outDir);
    if (root === undefined) return undefined;
    roots.push(root);
  }
  return { outDir, rootDir: commonFolder(roots) };
}

/**
 * The source-module handler strings (absolute, under `dir`) of handlers that name tsc's output in `dir`'s
 * tsconfig.json `outDir`: `dist/form/x/index.handler` -> `<dir>/<rootDir>/form/x/index.handler`.
 */
export function tscSourceHandlers(
  dir: string,
  handlers: readonly string[],
  read: (path: string) => string | undefined,
  list: (path: string) => FolderEntries | undefined,
): string[] {
  const out: string[] = [];
  let folders: ReturnType<typeof tscFolders> | null = null;
  for (const h of handlers) {
    const dot = h.lastIndexOf('.');
    if (dot <= 0) continue;
    const written = normalize(h.slice(0, dot));
    if (written.startsWith('..') || written.startsWith('/')) continue;
    if (folders === null) folders = tscFolders(dir, read, list);
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

/** A file's text, or undefined when it is absent or unreadable. */
function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
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
  read: (path: string) => string | undefined = readIfThere,
  list: (path: string) => FolderEntries | undefined = listFolder,
): string[] {
  return tscSourceHandlers(
    dir,
    stems.map((s) => `${s}.x`),
    read,
    list,
  ).map((h) => h.slice(0, -2));
}
