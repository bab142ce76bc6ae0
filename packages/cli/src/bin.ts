#!/usr/bin/env node
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { rerunWithYoungGeneration } from './youngGeneration.js';

// `bulwark scan` runs in a child with a smaller young generation (youngGeneration.ts): before anything else
// is loaded, which the child loads itself.
const rerun = await rerunWithYoungGeneration(fileURLToPath(import.meta.url), process.argv.slice(2));
if (rerun !== undefined) process.exit(rerun);

// Cache compiled bytecode between runs: the parser's JavaScript side is large and every run is cold.
// Node's default directory (os.tmpdir()/node-compile-cache, or NODE_COMPILE_CACHE when set), nothing in
// the scanned project; NODE_DISABLE_COMPILE_CACHE=1 turns it off, and before Node 22.1 the function is
// missing and nothing is cached. Called before any other module of ours is loaded, or they would be
// compiled without it. Worker threads enable it themselves (scan/scanWorkerEntry.ts).
module.enableCompileCache?.();
const { exitWhenSettled } = await import('./exitWhenSettled.js');
const args = process.argv.slice(2);
if (args[0] === 'scan') {
  // The scan from its one-file build when the build wrote it (bundledModule.ts): the same code as main's
  // `scan`, loaded as one module instead of some 430.
  const { bundledOr } = await import('./bundledModule.js');
  const entry = bundledOr(
    import.meta.url,
    './scan/scanMain.bundle.js',
    './scan/cli/scanMain.js',
    '../tsconfig.build.tsbuildinfo',
  );
  const { scanMain } = (await import(entry)) as typeof import('./scan/cli/scanMain.js');
  exitWhenSettled(scanMain(args.slice(1)));
} else {
  const { main } = await import('./main.js');
  exitWhenSettled(main(args));
}
