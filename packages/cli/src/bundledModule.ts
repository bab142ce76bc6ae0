// Which file a command's code is loaded from: the one-file build the package's build writes beside tsc's
// per-file output (scripts/bundleScan.mjs), when it is there. Node pays per module it loads, and the scan
// is some 430 modules; the bundle is the same code as one. Sources run under tsx or vitest have no bundle,
// and a build without it (an older or partial dist) still runs, from the per-file modules.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The URL of `bundle` when that file exists, else of `perFile`; both relative to `from` (a module's
 * `import.meta.url`).
 * @example
 * const { scanMain } = await import(bundledOr(import.meta.url, './scan/scanMain.bundle.js', './scan/cli/scanMain.js'));
 */
export function bundledOr(from: string, bundle: string, perFile: string): string {
  const url = new URL(bundle, from);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url.href : new URL(perFile, from).href;
}
