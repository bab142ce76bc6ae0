// The API reference build (`npm run docs:api`, not run here: typedoc takes a while) documents every
// public entry point, runs on the TypeScript it supports, and its link check finds what it must.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brokenLinks } from '../../scripts/apiDocs.js';
import { packageEntryPoints } from '../../scripts/apidocs/entryPoints.js';

const root = join(import.meta.dirname, '..', '..');
const tool = join(root, 'scripts', 'apidocs');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('npm run docs:api', () => {
  it("lists every package's every entry point (its exports map), and nothing else", () => {
    // Prepare
    const config = readJson(join(tool, 'typedoc.json')) as { entryPoints: string[] };
    const exported = packageEntryPoints().map((e) => e.source);
    // Assess
    expect(exported).toContain('packages/lambda/src/middy/index.ts');
    expect(exported.length).toBeGreaterThanOrEqual(10);
    expect(config.entryPoints.map((p) => relative(root, resolve(tool, p))).sort()).toEqual(
      [...exported].sort(),
    );
  });

  it('fails on an unresolvable {@link} and writes into the git-ignored docs/api', () => {
    const config = readJson(join(tool, 'typedoc.json')) as {
      out: string;
      validation: Record<string, boolean>;
      treatValidationWarningsAsErrors: boolean;
    };
    expect(config.validation.invalidLink).toBe(true);
    expect(config.treatValidationWarningsAsErrors).toBe(true);
    expect(relative(root, resolve(tool, config.out))).toBe(join('docs', 'api'));
    expect(readFileSync(join(root, '.gitignore'), 'utf8').split('\n')).toContain('docs/api/');
    expect((readJson(join(root, 'package.json')).scripts as Record<string, string>)['docs:api']).toBe(
      'tsx scripts/apiDocs.ts',
    );
  });

  it('runs typedoc on a TypeScript it supports (6.x, beside the repository TypeScript 7), pinned by a lockfile', () => {
    const pkg = readJson(join(tool, 'package.json')) as { devDependencies: Record<string, string> };
    const lock = readJson(join(tool, 'package-lock.json')) as {
      packages: Record<string, { version: string; peerDependencies?: Record<string, string> }>;
    };
    const ts = lock.packages['node_modules/typescript'];
    const typedoc = lock.packages['node_modules/typedoc'];
    expect(pkg.devDependencies.typescript).toMatch(/^6\.\d+\.\d+$/);
    expect(ts?.version).toBe(pkg.devDependencies.typescript);
    expect(typedoc?.version).toBe(pkg.devDependencies.typedoc);
    const [major, minor] = (ts?.version ?? '').split('.');
    expect(typedoc?.peerDependencies?.typescript?.split(' || ')).toContain(`${major}.${minor}.x`);
  });
});

describe('brokenLinks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'api-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing page and a missing anchor, not a good link or an external one', () => {
    // Prepare
    mkdirSync(join(dir, 'modules'));
    writeFileSync(join(dir, 'modules', 'a.html'), '<h2 id="retry">retry</h2><a href="../index.html">up</a>');
    writeFileSync(
      join(dir, 'index.html'),
      [
        '<a href="modules/a.html#retry">ok</a>',
        '<a href="modules/b.html">missing page</a>',
        '<a href="modules/a.html#breaker">missing anchor</a>',
        '<a href="https://typedoc.org/">external</a>',
        '<a href="#top">own anchor</a><span id="top"></span>',
      ].join('\n'),
    );
    // Act
    const broken = brokenLinks(dir);
    // Assess
    expect(broken).toEqual([
      'index.html: modules/b.html (no such file)',
      'index.html: modules/a.html#breaker (no such anchor)',
    ]);
  });
});
