import { defineConfig } from 'vitest/config';

// One vitest project per package, plus the cross-package suites. Workspace imports resolve to
// TypeScript source through the `@bulwark/source` export condition, so tests never need a build.
const conditions = ['@bulwark/source', 'node', 'import', 'default'];
// vitest hands ssr.resolve.conditions to Node as `--conditions`, so they must not name 'import':
// with it every require() of a dual package loads its ESM build (dynalite's require('big.js') got a
// namespace, not the constructor, and broke every DynamoDB number).
const ssrConditions = ['@bulwark/source', 'node'];
const packages = ['errors', 'testing', 'policies', 'lambda', 'cli', 'service'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions: ssrConditions, externalConditions: ssrConditions } },
  test: {
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: {
          name,
          root: `packages/${name}`,
          include: name === 'cli' ? ['src/**/*.test.ts', 'eval/**/*.test.ts'] : ['src/**/*.test.ts'],
          // The scan's tests each scan the whole regression corpus (about 800 labels): about 2 s alone,
          // past vitest's 5 s default on two shared cores under the rest of the suite.
          ...(name === 'cli' ? { testTimeout: 30_000 } : {}),
        },
      })),
      { extends: true as const, test: { name: 'integration', root: 'test', include: ['**/*.test.ts'] } },
      { extends: true as const, test: { name: 'bench', root: 'bench', include: ['**/*.test.ts'] } },
      { extends: true as const, test: { name: 'examples', root: 'examples', include: ['**/*.test.ts'] } },
    ],
    typecheck: { enabled: false },
  },
});
