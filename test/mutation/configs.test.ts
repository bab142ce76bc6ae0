// @ts-nocheck (the mutation configs are plain .mjs outside every tsconfig)
// The mutation configs cannot rot: each package's Stryker config mutates every source file of the package,
// and its vitest config runs every test of the package (its own, test/<package>, test/hostile/<package>)
// except the listed ones, each of which still exists and still reads source text (the reason it is out).
import { existsSync, globSync, readFileSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const load = async (path: string) => (await import(pathToFileURL(join(root, path)).href)).default;
const { mutationTargets } = await import(pathToFileURL(join(root, 'mutation/targets.mjs')).href);
const names = Object.keys(mutationTargets);

/** Whether a path is selected by globs that may hold `!negations` (Stryker's and vitest's meaning). */
function selected(file: string, include: string[], exclude: string[] = []): boolean {
  const positive = include.filter((g) => !g.startsWith('!'));
  const negative = [...include.filter((g) => g.startsWith('!')).map((g) => g.slice(1)), ...exclude];
  return positive.some((g) => matchesGlob(file, g)) && !negative.some((g) => matchesGlob(file, g));
}

const files = (pattern: string) => globSync(pattern, { cwd: root }).sort();

describe('mutation configs', () => {
  it('cover errors, policies, lambda and service', () => {
    expect(names.sort()).toEqual(['errors', 'lambda', 'policies', 'service']);
  });

  it('test support under src/__support__ is left out of the published packages too', () => {
    for (const name of names) {
      if (files(`packages/${name}/src/__support__/**/*.ts`).length === 0) continue;
      const manifest = JSON.parse(readFileSync(join(root, `packages/${name}/package.json`), 'utf8'));
      expect(manifest.files, name).toContain('!src/__support__');
    }
  });

  it.each(names)(
    '%s: Stryker mutates every source file and no test, per-test coverage, incremental',
    async (name) => {
      // Arrange
      const config = await load(`mutation/${name}/stryker.config.mjs`);
      const sources = files(`packages/${name}/src/**/*.ts`);
      // Assess
      expect(sources.length).toBeGreaterThan(0);
      for (const file of sources) {
        const isTest = /\.test(-d)?\.ts$/.test(file) || file.includes('/src/__support__/');
        expect(selected(file, config.mutate), file).toBe(!isTest);
      }
      expect(config).toMatchObject({
        testRunner: 'vitest',
        coverageAnalysis: 'perTest',
        inPlace: true,
        incremental: true,
        incrementalFile: `reports/stryker-incremental-${name}.json`,
        vitest: { configFile: `mutation/${name}/vitest.config.ts` },
      });
      expect(existsSync(join(root, config.vitest.configFile))).toBe(true);
    },
  );

  it.each(names)(
    '%s: vitest runs every test of the package except the listed source readers',
    async (name) => {
      // Arrange
      const { test, resolve } = await load(`mutation/${name}/vitest.config.ts`);
      const excluded = Object.keys(mutationTargets[name].excludedTests);
      const tests = [
        ...files(`packages/${name}/src/**/*.test.ts`),
        ...files(`test/${name}/**/*.test.ts`),
        ...files(`test/hostile/${name}/**/*.test.ts`),
      ];
      // Assess
      expect(resolve.conditions).toContain('@bulwark/source');
      for (const file of tests)
        expect(selected(file, test.include, test.exclude), file).toBe(!excluded.includes(file));
      for (const file of excluded) {
        expect(existsSync(join(root, file)), file).toBe(true);
        expect(readFileSync(join(root, file), 'utf8'), file).toMatch(/readFileSync/);
      }
    },
  );
});
