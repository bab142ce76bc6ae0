// A template's Handler names the BUILT module (`apple-update-subscriptions.handler`, `CodeUri: dist/x/` +
// `handler.handler`), not the TypeScript it is built from. A bundler config beside the template says which
// source that is, by each tool's documented output naming:
// - webpack: an `entry` map `{ name: './src/x.ts' }` writes `[name].js` (output.filename defaults to it);
// - esbuild: `outdir` + `outbase` write `src/lambdas/x/handler.ts` to `dist/x/handler.js` (the path under
//   outbase, kept under outdir).
// Only literal strings in the config are read, and the fixed head of a computed entry's template literal.
import { join } from 'node:path';
import { defaultOutbase } from './esbuildOutbase.js';
import { type TscFolders, tscFoldersAt, tscSourceHandlers } from './tscOutDir.js';

const WEBPACK = ['webpack.config.js', 'webpack.config.ts', 'webpack.config.cjs', 'webpack.config.mjs'];
const ESBUILD = ['esbuild.config.ts', 'esbuild.config.js', 'esbuild.config.mjs', 'esbuild.config.cjs'];
const SOURCE = String.raw`\.{1,2}\/[\w@./-]+\.[cm]?[jt]sx?`;

/** `{ name: source }` pairs of a webpack config's literal entry map, when output names files `[name]`. */
function webpackEntries(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const filename = /\bfilename\s*:\s*['"`]([^'"`]+)['"`]/.exec(text)?.[1];
  if (filename !== undefined && !filename.includes('[name]')) return out;
  const pair = new RegExp(String.raw`(['"]?)([\w@./-]+)\1\s*:\s*['"](${SOURCE})['"]`, 'g');
  for (const m of text.matchAll(pair)) out.set(m[2] as string, m[3] as string);
  return out;
}

/**
 * esbuild's literal `outdir` and its `outbase` (literal, or esbuild's default read from the entry points:
 * esbuildOutbase.ts), without leading `./` or trailing `/`.
 */
function esbuildDirs(text: string): { outdir: string; outbase: string } | undefined {
  if (!/esbuild/.test(text)) return undefined;
  const clean = (s: string | undefined) => s?.replace(/^\.\//, '').replace(/\/+$/, '');
  const outdir = clean(/\boutdir\s*:\s*['"]([^'"]+)['"]/.exec(text)?.[1]);
  const outbase = clean(/\boutbase\s*:\s*['"]([^'"]+)['"]/.exec(text)?.[1]) ?? defaultOutbase(text);
  return outdir && outbase ? { outdir, outbase } : undefined;
}

/**
 * The source-module handler strings (absolute, under `dir`) that the bundler configs in template folder
 * `dir` build the given handler strings from. A handler is relative to `dir` or already under it.
 * @example
 * // dir has webpack.config.js with entry { 'apple-update': './src/apple.ts' }
 * builtSourceHandlers('/repo', ['apple-update.handler'], read) // ['/repo/src/apple.handler']
 */
export function builtSourceHandlers(
  dir: string,
  handlers: readonly string[],
  read: (path: string) => string | undefined,
): string[] {
  const texts = (names: string[]) =>
    names.flatMap((n) => {
      const t = read(join(dir, n));
      return t === undefined ? [] : [t];
    });
  const entries = new Map(texts(WEBPACK).flatMap((t) => [...webpackEntries(t)]));
  const dirs = texts(ESBUILD).flatMap((t) => esbuildDirs(t) ?? []);
  if (entries.size === 0 && dirs.length === 0) return [];
  const out: string[] = [];
  for (const h of handlers) {
    const dot = h.lastIndexOf('.');
    if (dot <= 0) continue;
    const written = h.slice(0, dot);
    const rel = (written.startsWith(`${dir}/`) ? written.slice(dir.length + 1) : written).replace(
      /^\.\//,
      '',
    );
    if (rel.startsWith('/')) continue;
    const source = entries.get(rel);
    if (source !== undefined) out.push(`${join(dir, source.replace(/\.[cm]?[jt]sx?$/, ''))}${h.slice(dot)}`);
    for (const d of dirs)
      if (rel.startsWith(`${d.outdir}/`))
        out.push(`${join(dir, d.outbase, rel.slice(d.outdir.length + 1))}${h.slice(dot)}`);
  }
  return out;
}

/**
 * The source modules of batch-size-1 handler strings from template folder `dir`: those a bundler config
 * builds them from, and those a plain tsc compiles to its outDir (tscOutDir.ts). Kept to the batch-size-1
 * join: handler recognition (templateNamedHandlers.ts) reads bundler configs only.
 */
export function batchOneSourceHandlers(
  dir: string,
  handlers: readonly string[],
  read: (path: string) => string | undefined,
  tscFoldersOf: (dir: string) => TscFolders | undefined = tscFoldersAt,
): string[] {
  if (handlers.length === 0) return [];
  return [...builtSourceHandlers(dir, handlers, read), ...tscSourceHandlers(dir, handlers, tscFoldersOf)];
}
