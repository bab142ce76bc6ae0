import { defineConfig } from 'vitest/config';

// The packaging test runs on its own (`npm run test:packaging`, part of `npm test`), not in the integration
// project: it builds, packs and installs from the registry, and it would compete with the timing-sensitive
// suites for the machine's two cores.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['packaging.e2e.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    sequence: { concurrent: false },
  },
});
