// The script a scan's worker thread starts with. Node's compile cache, enabled by the CLI's entry
// (bin.ts), applies to the thread that enabled it only, so each worker enables it too. It must be on
// before the worker's modules are compiled: scanWorker.js's static imports would be compiled before any
// statement of its own ran, so it is loaded here, afterwards. `enableCompileCache` is missing before
// Node 22.1 (nothing is cached there), and NODE_DISABLE_COMPILE_CACHE=1 turns it off (Node honours it).
import module from 'node:module';

module.enableCompileCache?.();
// The worker's one-file build when the build wrote it (bundledModule.ts): Node pays per module it loads.
const { bundledOr } = await import('../bundledModule.js');
await import(
  bundledOr(import.meta.url, './scanWorker.bundle.js', './scanWorker.js', '../../tsconfig.build.tsbuildinfo')
);
