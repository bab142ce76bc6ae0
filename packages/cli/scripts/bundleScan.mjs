// Writes the scan's one-file builds beside tsc's per-file output: dist/scan/scanMain.bundle.js (what
// `bulwark scan` runs, bin.ts), dist/scan/scanWorker.bundle.js (what a worker thread runs,
// scanWorkerEntry.ts) and dist/scan/yaml.bundle.cjs (the YAML parser, yamlLibrary.ts). Run from
// packages/cli after `tsc -b tsconfig.build.json`.
//
// Why: Node pays per module it loads (resolve, read, compile). The scan is about 430 modules, and loading
// them took about a third of a CPU-second of every scan, before the first file was read; the same code as
// one file loads in a fraction of that (the other packages are bundled for the same reason:
// scripts/bundle.mjs). The per-file output stays: the package's library entry (`.`) and the other commands
// use it, and bin.ts falls back to it when the bundles are missing.
//
// The input is tsc's JavaScript, not the sources, so the bundle runs exactly the code the per-file build
// runs. Dependencies stay external (`packages: 'external'`). No splitting: both files sit in dist/scan/,
// where the code's `new URL('./scanWorkerEntry.js', import.meta.url)` (workerPool.ts) finds the worker's
// entry as it does from dist/scan/workerPool.js; the check at the end fails the build if a relative URL
// of a bundle names a file that is not there. `keepNames` is off, as in scripts/bundle.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const outdir = 'dist/scan';
const entryPoints = {
  'scanMain.bundle': 'dist/scan/cli/scanMain.js',
  'scanWorker.bundle': 'dist/scan/scanWorker.js',
};

await build({
  entryPoints,
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
});

// The YAML parser as one CommonJS file, dist/scan/yaml.bundle.cjs, which yamlLibrary.ts loads instead of
// the package's 74 files (about 40 ms of CPU less in a scan that reads a template). Its own file, not part
// of the bundles above: a scan of code alone never loads it. Written before the check below, which finds
// yamlLibrary's `new URL('./yaml.bundle.cjs', import.meta.url)` in both bundles.
const require = createRequire(import.meta.url);
const yamlVersion = JSON.parse(readFileSync(require.resolve('yaml/package.json'), 'utf8')).version;
await build({
  entryPoints: [require.resolve('yaml')],
  outfile: join(outdir, 'yaml.bundle.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  banner: {
    js: `// yaml ${yamlVersion} (ISC licence, https://github.com/eemeli/yaml), bundled by scripts/bundleScan.mjs`,
  },
  logLevel: 'warning',
});

for (const name of Object.keys(entryPoints)) {
  const file = join(outdir, `${name}.js`);
  const text = readFileSync(file, 'utf8');
  for (const [, relative] of text.matchAll(
    /new URL\(\s*["'](\.{1,2}\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g,
  ))
    if (!existsSync(join(dirname(file), relative)))
      throw new Error(`bundleScan: ${file} names ${relative}, which is not beside it`);
}
