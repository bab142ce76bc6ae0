// Bundles src/lambda.ts into one ESM file for the three functions (esbuild; the AWS SDK is bundled too,
// so the deployed code runs the versions it was tested with).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Writes `<outdir>/lambda.mjs` (+ source map) and returns `outdir`.
 *
 * @example
 * ```ts
 * const dir = await bundleOrdersService('dist');
 * ```
 */
export async function bundleOrdersService(outdir: string): Promise<string> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, '..', 'src', 'lambda.ts')],
    outfile: join(outdir, 'lambda.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    sourcemap: true,
    minify: true,
    conditions: ['@bulwark/source'],
    // Some dependencies still call require(): give the ESM bundle one.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  writeFileSync(join(outdir, 'package.json'), '{"type":"module"}\n');
  return outdir;
}
