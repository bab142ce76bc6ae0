// Bundles the service into one ESM file (dependencies included), so the runtime image holds main.mjs and no
// node_modules: no dev dependency can reach it. `node bundle.mjs [outdir]`, default dist/.
import { join } from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
const outdir = process.argv[2] ?? join(here, 'dist');

await build({
  absWorkingDir: here,
  entryPoints: { main: 'src/main.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Workspace packages from their TypeScript sources, as in tests: no separate package build needed.
  conditions: ['@bulwark/source'],
  sourcemap: true,
  sourcesContent: false,
  // Express and its dependencies are CommonJS and call require() for Node built-ins.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
