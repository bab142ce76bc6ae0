// Which file a command's code is loaded from: the one-file build the package's build writes beside tsc's
// per-file output (scripts/bundleScan.mjs), when it is there and current. Node pays per module it loads,
// and the scan is some 430 modules; the bundle is the same code as one. Sources run under tsx or vitest
// have no bundle, and a build without it (an older or partial dist) still runs, from the per-file modules.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The URL of `bundle` when that file exists and is current, else of `perFile`; all relative to `from` (a
 * module's `import.meta.url`). `buildInfo` is tsc's build-info file: tsc rewrites it whenever `tsc -b`
 * emits, so a bundle older than it was built from older code (`tsc -b` run alone, without the bundling
 * step) and the per-file modules, which hold the new code, are loaded instead. An installed package has no
 * build-info file, and its bundle is used.
 * @example
 * const { scanMain } = await import(bundledOr(import.meta.url, './scan/scanMain.bundle.js', './scan/cli/scanMain.js', '../tsconfig.build.tsbuildinfo'));
 */
export function bundledOr(from: string, bundle: string, perFile: string, buildInfo?: string): string {
  const url = new URL(bundle, from);
  const fallback = new URL(perFile, from).href;
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return fallback;
  if (buildInfo === undefined) return url.href;
  const info = statSync(fileURLToPath(new URL(buildInfo, from)), { throwIfNoEntry: false });
  return info === undefined || statSync(fileURLToPath(url)).mtimeMs >= info.mtimeMs ? url.href : fallback;
}
