// Bundles a package's runtime code: one ESM file per `exports` entry (plus shared chunks), written where the
// entry's `default` condition points. Run from a package folder after `tsc -b tsconfig.build.json`, which
// emits only the declarations for these packages.
//
// Why: on a Lambda cold start Node pays per module it loads (resolve, read, compile), not per line.
// @bulwark/errors as 28 tsc-emitted files took 17-23 ms to import on this machine; the same code as one file
// took 4.5-5 ms (`node --input-type=module -e "await import(...)"`, Node 24.9). See the lambda README's
// Performance section for the effect on `@bulwark/lambda`.
//
// Dependencies stay external (`packages: 'external'`), so users dedupe them as usual. `splitting` puts code
// that two entries share in one chunk, so a class has one identity across `.` and `./middy`, and a relative
// `import()` stays lazy. `keepNames` is off: it wraps every closure in a defineProperty call at creation, which
// doubled wrapDependency's per-call cost (0.75 -> 1.66 µs); test/workspace.test.ts checks instead that each
// exported class and function of the built bundles keeps its name.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const entryPoints = {};
for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
  if (typeof target !== 'object' || target === null) continue;
  const source = target['@bulwark/source'];
  const output = target.default;
  if (typeof source !== 'string' || typeof output !== 'string') continue;
  const match = /^\.\/dist\/(.+)\.js$/.exec(output);
  if (match === null)
    throw new Error(
      `bundle: ${pkg.name} exports["${subpath}"].default must be ./dist/<name>.js, got ${output}`,
    );
  entryPoints[match[1]] = source;
}
if (Object.keys(entryPoints).length === 0)
  throw new Error(`bundle: ${pkg.name} has no exports entry to bundle`);

// JavaScript left by an earlier per-file build would be shipped (`files: ["dist"]`) and could be imported by a
// deep path by mistake: only the bundle's own files may remain.
function removeJavaScript(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removeJavaScript(path);
    else if (/\.js(\.map)?$/.test(entry.name)) rmSync(path);
  }
}
if (existsSync('dist')) removeJavaScript('dist');

await build({
  entryPoints,
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  packages: 'external',
  tsconfig: 'tsconfig.build.json',
  sourcemap: true,
  sourcesContent: false,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
