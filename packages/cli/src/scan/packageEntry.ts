// Where an import of one of the project's own packages lands in its SOURCE. Node resolves a package
// through its package.json: `exports` (a string, subpath keys `./x` and `./x/*`, and condition objects
// `{ types, import, require, default }`, nested) wins over `main`; TypeScript reads `types`/`typings`.
// Those name the BUILT files (`./dist/database/database.js`, `dist/index`), which a scan of the repository
// does not have (build output is never scanned), so each target is also mapped back to the source folder
// the package's tsconfig.json compiles from (`outDir` -> `rootDir`), or, without one, from a build folder
// (`dist`, `lib`, `build`, `out`, `esm`, `cjs`) to `src` and to the package folder itself.
import { existsSync } from 'node:fs';
import { join, normalize, relative, resolve, sep } from 'node:path';
import { tsconfigOf } from './tsconfigFile.js';

/** The parts of a package.json that name its entry points. */
export interface PackageEntries {
  readonly exports?: unknown;
  readonly source?: unknown;
  readonly types?: unknown;
  readonly typings?: unknown;
  readonly module?: unknown;
  readonly main?: unknown;
}

// Conditions that name source or type declarations come first: their targets map to source best.
const CONDITION_ORDER = [
  'source',
  'types',
  'typescript',
  'development',
  'import',
  'module',
  'node',
  'require',
];

/** Every path a condition value names (`{ import: { types, default } }` nested), preferred first. */
function conditionTargets(value: unknown, out: string[], depth = 0): void {
  if (depth > 4) return;
  if (typeof value === 'string') {
    if (value.startsWith('./')) out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) conditionTargets(v, out, depth + 1);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const keys = Object.keys(value);
  const ordered = [
    ...CONDITION_ORDER.filter((k) => keys.includes(k)),
    ...keys.filter((k) => !CONDITION_ORDER.includes(k)),
  ];
  for (const k of ordered) conditionTargets((value as Record<string, unknown>)[k], out, depth + 1);
}

/**
 * The targets `exports` gives a subpath (`.` for the package itself): an exact key, else the pattern key
 * (`./utils/*`) with the longest prefix, its `*` replaced. Undefined when the package has no `exports`.
 */
export function exportTargets(exportsField: unknown, subpath: string): string[] | undefined {
  if (exportsField === undefined || exportsField === null) return undefined;
  const key = subpath === '' ? '.' : `./${subpath}`;
  const isMap =
    typeof exportsField === 'object' &&
    !Array.isArray(exportsField) &&
    Object.keys(exportsField).some((k) => k.startsWith('.'));
  // `"exports": "./dist/index.js"` or a bare condition object: the package itself only.
  if (!isMap) {
    const out: string[] = [];
    if (key === '.') conditionTargets(exportsField, out);
    return out;
  }
  const map = exportsField as Record<string, unknown>;
  const out: string[] = [];
  if (key in map) {
    conditionTargets(map[key], out);
    return out;
  }
  let best: { prefix: string; middle: string; value: unknown } | undefined;
  for (const [k, v] of Object.entries(map)) {
    const star = k.indexOf('*');
    if (star === -1) continue;
    const prefix = k.slice(0, star);
    const suffix = k.slice(star + 1);
    if (!key.startsWith(prefix) || !key.endsWith(suffix) || key.length < prefix.length + suffix.length)
      continue;
    if (best === undefined || prefix.length > best.prefix.length)
      best = { prefix, middle: key.slice(prefix.length, key.length - suffix.length), value: v };
  }
  if (best === undefined) return out;
  const targets: string[] = [];
  conditionTargets(best.value, targets);
  const middle = best.middle;
  return targets.map((t) => t.split('*').join(middle));
}

interface BuildFolders {
  readonly outDir?: string | undefined;
  readonly rootDir?: string | undefined;
}

/**
 * The package's own tsconfig.json `outDir` and `rootDir` as written, relative to the package folder (the
 * parse is shared and cached with iac/tscOutDir.ts). Kept literal here, with `src` for a missing rootDir:
 * tscOutDir's inferred root answers nothing for an `extends`, which package tsconfigs mostly have.
 */
function buildFoldersOf(dir: string): BuildFolders {
  const config = tsconfigOf(dir);
  const options =
    config !== null && typeof config === 'object'
      ? ((config as { compilerOptions?: Record<string, unknown> }).compilerOptions ?? undefined)
      : undefined;
  const rel = (v: unknown) => (typeof v === 'string' ? relative(dir, resolve(dir, v)) : undefined);
  return { outDir: rel(options?.outDir), rootDir: rel(options?.rootDir) };
}

const BUILD_FOLDER = /^(?:dist|lib|build|out|esm|cjs|\.build)(?:\/(?:esm|cjs|src|lib))?\//;

/** `dist/database/database.js` -> where its source sits: the target itself, then the mapped paths. */
function sourcesOf(dir: string, target: string): string[] {
  const rel = normalize(target)
    .replace(/\.d\.(ts|mts|cts)$/, '')
    .replace(/^\.\//, '');
  const out = [join(dir, rel)];
  const { outDir, rootDir } = buildFoldersOf(dir);
  if (outDir !== undefined && outDir !== '' && rel.startsWith(`${outDir}/`))
    out.push(join(dir, rootDir ?? 'src', rel.slice(outDir.length + 1)));
  if (BUILD_FOLDER.test(rel)) {
    const rest = rel.replace(BUILD_FOLDER, '');
    out.push(join(dir, 'src', rest), join(dir, rest));
  }
  return out;
}

/**
 * The paths (with or without an extension) an import of `subpath` of the package in `dir` may name, in
 * the order to try them: what `exports` or the entry fields give, mapped to source, then the plain
 * folder layout (`dir/subpath`, `dir/src/subpath`, or the package's `index`).
 *
 * @example
 * packageEntryPaths('/r/lib/common', { exports: { './dist/db': './dist/db.js' } }, 'dist/db')
 * // ['/r/lib/common/dist/db.js', '/r/lib/common/src/db.js', '/r/lib/common/db.js', ...]
 */
export function packageEntryPaths(dir: string, pkg: PackageEntries | undefined, subpath: string): string[] {
  const targets = exportTargets(pkg?.exports, subpath) ?? [];
  if (subpath === '')
    for (const field of [pkg?.source, pkg?.types, pkg?.typings, pkg?.module, pkg?.main])
      if (typeof field === 'string') targets.push(field);
  const out = targets.flatMap((t) => sourcesOf(dir, t));
  if (subpath !== '') out.push(...sourcesOf(dir, subpath), join(dir, 'src', subpath));
  else out.push(join(dir, 'index'), join(dir, 'src', 'index'));
  return [...new Set(out)];
}

/** A path segment a build writes to: `lib`, `dist`, `build`, `out` (tsc's `outDir` most often). */
const BUILD_SEGMENT = /^(?:dist|lib|build|out)$/;

/**
 * A relative import of another package's BUILT module (`../../common/lib/dynamodb` from a sibling package
 * of a monorepo with no package links): the source it is built from, as for a bare import of the package
 * (sourcesOf). The folder above the build segment counts as a package only when it has a package.json or
 * tsconfig.json; empty when `path` passes through no such folder.
 *
 * @example
 * builtImportSources('/r/packages/common/lib/dynamodb') // ['/r/packages/common/lib/dynamodb', '/r/packages/common/src/dynamodb', ...]
 */
export function builtImportSources(path: string): string[] {
  const parts = path.split(sep);
  // The innermost build segment: `packages/common/lib/x` is common's `lib`, whatever sits above.
  for (let i = parts.length - 2; i > 0; i--) {
    if (!BUILD_SEGMENT.test(parts[i] as string)) continue;
    const dir = parts.slice(0, i).join(sep);
    if (!existsSync(join(dir, 'package.json')) && !existsSync(join(dir, 'tsconfig.json'))) continue;
    return sourcesOf(dir, relative(dir, path));
  }
  return [];
}
