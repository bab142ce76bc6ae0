import { defineConfig } from 'vitest/config';

// One vitest project per package, plus the cross-package suites. Workspace imports resolve to
// TypeScript source through the `@bulwark/source` export condition, so tests never need a build.
const conditions = ['@bulwark/source', 'node', 'import', 'default'];
const packages = ['errors', 'testing', 'policies', 'lambda', 'cli'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: { name, root: `packages/${name}`, include: ['src/**/*.test.ts'] },
      })),
      { extends: true as const, test: { name: 'integration', root: 'test', include: ['**/*.test.ts'] } },
      { extends: true as const, test: { name: 'bench', root: 'bench', include: ['**/*.test.ts'] } },
      { extends: true as const, test: { name: 'examples', root: 'examples', include: ['**/*.test.ts'] } },
    ],
    typecheck: { enabled: false },
  },
});
