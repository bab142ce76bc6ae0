import { defineConfig } from 'vitest/config';
import { mutationTargets, testGlobs } from './targets.mjs';

// The same resolution as the root vitest.config.ts: workspace imports load TypeScript source through
// the `@bulwark/source` condition, so the mutated files in packages/<name>/src are the ones tested.
const conditions = ['@bulwark/source', 'node', 'import', 'default'];
const ssrConditions = ['@bulwark/source', 'node'];

/** One vitest project for a package's mutation run: its tests minus the excluded ones. */
export function mutationVitestConfig(name: keyof typeof mutationTargets) {
  return defineConfig({
    root: new URL('..', import.meta.url).pathname,
    resolve: { conditions },
    ssr: { resolve: { conditions: ssrConditions, externalConditions: ssrConditions } },
    test: {
      include: testGlobs(name),
      exclude: ['**/node_modules/**', ...Object.keys(mutationTargets[name].excludedTests)],
      typecheck: { enabled: false },
    },
  });
}
