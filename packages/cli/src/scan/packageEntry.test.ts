import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monorepoManifests } from './monorepoManifests.js';
import { exportTargets, packageEntryPaths } from './packageEntry.js';

describe('exportTargets', () => {
  it('reads a string, a bare condition object, exact keys and the longest pattern key', () => {
    expect(exportTargets('./dist/index.js', '')).toEqual(['./dist/index.js']);
    expect(exportTargets({ types: './dist/index.d.ts', default: './dist/index.js' }, '')).toEqual([
      './dist/index.d.ts',
      './dist/index.js',
    ]);
    const map = {
      '.': './dist/index.js',
      './utils/*': { import: { types: './dist/utils/*.d.ts', default: './dist/utils/*.js' } },
      './*': './dist/*.js',
      './package.json': './package.json',
    };
    expect(exportTargets(map, 'utils/retry')).toEqual(['./dist/utils/retry.d.ts', './dist/utils/retry.js']);
    expect(exportTargets(map, 'clients')).toEqual(['./dist/clients.js']);
    expect(exportTargets(undefined, 'clients')).toBeUndefined();
  });
});

describe('packageEntryPaths', () => {
  it('maps built targets back to the folder tsconfig compiles from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkg-entry-'));
    writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "outDir": "out", "rootDir": "lib" } }');
    const paths = packageEntryPaths(dir, { exports: { './*': './out/*.js' } }, 'db');
    expect(paths.slice(0, 2)).toEqual([join(dir, 'out/db.js'), join(dir, 'lib/db.js')]);
    expect(packageEntryPaths(dir, { main: 'dist/index', types: 'dist/index.d.ts' }, '')).toContain(
      join(dir, 'src/index'),
    );
  });
});

describe('monorepoManifests', () => {
  it('lists rush.json projects and lerna.json package patterns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifests-'));
    mkdirSync(join(dir, 'lib'));
    writeFileSync(
      join(dir, 'rush.json'),
      '// rush\n{ "projects": [ { "packageName": "@a/common", "projectFolder": "lib/common" }, ] }',
    );
    writeFileSync(join(dir, 'lerna.json'), '{ "version": "independent" }');
    expect(monorepoManifests(dir)).toEqual({ folders: [join(dir, 'lib/common')], patterns: ['packages/*'] });
  });
});
