// Holds every published package to the packaging rules in STYLE.md, so a new package cannot drift from them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

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

  it.each(manifests)('$dir pins every Powertools package to one version', ({ pkg }) => {
    const all = { ...pkg.dependencies, ...pkg.peerDependencies } as Record<string, string>;
    const versions = new Set(
      Object.entries(all)
        .filter(([name]) => name.startsWith('@aws-lambda-powertools/'))
        .map(([, v]) => v),
    );
    expect(versions.size).toBeLessThanOrEqual(1);
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
