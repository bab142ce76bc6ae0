// Holds every published package to the packaging rules in STYLE.md and issue 12 (ranges, LICENSE, repository,
// README links), so a new package cannot drift from them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DECLARED_RANGES } from './packaging/versionSets.js';

/** The repository's URL in every manifest. A placeholder until the project's real home is confirmed. */
const REPOSITORY = 'https://github.com/bulwark-dev/bulwark';

const packagesDir = join(import.meta.dirname, '..', 'packages');
const manifests = readdirSync(packagesDir).map((dir) => ({
  dir,
  pkg: JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')),
}));

describe('workspace packages', () => {
  it.each(manifests)(
    '$dir is an ESM package with types + default exports, no side effects, Node >= 22',
    ({ dir, pkg }) => {
      expect(pkg.name).toBe(`@bulwark/${dir}`);
      expect(pkg.type).toBe('module');
      expect(pkg.sideEffects).toBe(false);
      expect(pkg.engines).toEqual({ node: '>=22' });
      for (const [subpath, target] of Object.entries(pkg.exports as Record<string, unknown>)) {
        if (subpath === './package.json') continue;
        expect(target, subpath).toMatchObject({
          types: expect.stringMatching(/\.d\.ts$/),
          default: expect.stringMatching(/\.js$/),
        });
      }
    },
  );

  // Users install Powertools, the AWS SDK v3 and msw themselves: an exact pin in a published package installs a
  // second copy beside theirs, and two copies of a class (Logger, SSMClient) refuse each other in tsc. Every
  // range starts at the lowest version the packaging test installs (test/packaging/versionSets.ts).
  it.each(manifests)('$dir declares Powertools, AWS SDK v3 and msw with the tested ranges', ({ pkg }) => {
    const declared = { ...pkg.dependencies, ...pkg.peerDependencies } as Record<string, string>;
    for (const [name, range] of Object.entries(declared)) {
      if (name.startsWith('@aws-lambda-powertools/')) expect(range, name).toBe(DECLARED_RANGES.powertools);
      if (name.startsWith('@aws-sdk/')) expect(range, name).toBe(DECLARED_RANGES.sdk);
      if (name === 'msw') expect(range, name).toBe(DECLARED_RANGES.msw);
    }
  });

  // The repository itself stays deterministic: the root pins every such package exactly, Powertools to one
  // version (mixed Powertools versions install @aws-lambda-powertools/commons twice).
  it('the root devDependencies pin every Powertools and AWS SDK package the packages name, exactly', () => {
    const root = JSON.parse(readFileSync(join(packagesDir, '..', 'package.json'), 'utf8'));
    const pinned = root.devDependencies as Record<string, string>;
    const named = new Set(
      manifests.flatMap(({ pkg }) => Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })),
    );
    const outside = [...named].filter(
      (n) => n.startsWith('@aws-lambda-powertools/') || n.startsWith('@aws-sdk/'),
    );
    for (const name of outside) expect(pinned[name], name).toMatch(/^\d+\.\d+\.\d+$/);
    const powertools = Object.entries(pinned).filter(([name]) => name.startsWith('@aws-lambda-powertools/'));
    expect(new Set(powertools.map(([, version]) => version)).size).toBe(1);
  });

  it.each(manifests)('$dir ships an MIT LICENSE and says where it lives', ({ dir, pkg }) => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(packagesDir, dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(pkg.repository).toEqual({
      type: 'git',
      url: `git+${REPOSITORY}.git`,
      directory: `packages/${dir}`,
    });
    expect(pkg.homepage).toBe(`${REPOSITORY}/tree/main/packages/${dir}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPOSITORY}/issues` });
  });

  // The README is the package's page on the registry, where only absolute links and the package's own files work.
  it.each(manifests)('$dir README links absolute URLs or files of the package', ({ dir }) => {
    const readme = readFileSync(join(packagesDir, dir, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
    const broken = targets.filter((target) => {
      if (/^https:\/\//.test(target) || target.startsWith('#')) return false;
      const path = target.replace(/#.*$/, '');
      return path.startsWith('..') || path.startsWith('/') || !existsSync(join(packagesDir, dir, path));
    });
    expect(broken).toEqual([]);
  });

  // The packages built by scripts/bundle.mjs (esbuild, no keepNames): a name clash inside a bundle would rename
  // a class or function (`TransientError2`), and error names and messages show those names.
  const bundled = manifests.filter(({ pkg }) => String(pkg.scripts?.build).includes('bundle.mjs'));
  it.each(bundled)(
    '$dir: every exported class and function of the built bundle keeps its name',
    async ({ dir, pkg }) => {
      for (const [subpath, target] of Object.entries(pkg.exports as Record<string, { default?: string }>)) {
        if (target.default === undefined) continue;
        const file = join(packagesDir, dir, target.default);
        expect(existsSync(file), `${dir} ${subpath}: ${target.default} (run npm run build)`).toBe(true);
        const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
        const renamed = Object.entries(module)
          .filter(([name, value]) => typeof value === 'function' && value.name !== name)
          .map(([name, value]) => `${name} is named ${(value as { name: string }).name}`);
        expect(renamed, `${dir} ${subpath}`).toEqual([]);
      }
    },
  );
});
