// Workspaces reads the package.json of each workspace folder only inside the scan root, by its real path:
// a workspace folder or a `file:` dependency that is a symlink pointing out of the tree is not read.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspaces } from './workspaces.js';

const LIB = JSON.stringify({ name: '@acme/lib', main: 'index.js' });

/** A repository at `<top>/repo` and a package `@acme/lib` outside it, at `<top>/lib`. */
function tree(manifest: object): { top: string; root: string } {
  const top = mkdtempSync(join(tmpdir(), 'bulwark-workspaces-root-'));
  const root = join(top, 'repo');
  mkdirSync(join(top, 'lib'), { recursive: true });
  mkdirSync(join(root, 'packages'), { recursive: true });
  mkdirSync(join(root, 'src'), { recursive: true });
  writeFileSync(join(top, 'lib/package.json'), LIB);
  writeFileSync(join(root, 'package.json'), JSON.stringify(manifest));
  return { top, root };
}

describe('Workspaces inside the scan root', () => {
  it('does not read a workspace folder that is a symlink pointing out', () => {
    // Prepare
    const { top, root } = tree({ workspaces: ['packages/*'] });
    symlinkSync(join(top, 'lib'), join(root, 'packages/lib'));

    // Act
    const paths = new Workspaces(root).resolve(join(root, 'src/a.ts'), '@acme/lib');

    // Assess
    expect(paths).toEqual([]);
  });

  it('does not follow a file: dependency to a symlink pointing out', () => {
    // Prepare
    const { top, root } = tree({ dependencies: { '@acme/lib': 'file:./vendor/lib' } });
    mkdirSync(join(root, 'vendor'));
    symlinkSync(join(top, 'lib'), join(root, 'vendor/lib'));

    // Act
    const paths = new Workspaces(root).resolve(join(root, 'src/a.ts'), '@acme/lib');

    // Assess
    expect(paths).toEqual([]);
  });

  it('reads the same workspace folder when it sits in the tree', () => {
    // Prepare
    const { root } = tree({ workspaces: ['packages/*'] });
    mkdirSync(join(root, 'packages/lib'));
    writeFileSync(join(root, 'packages/lib/package.json'), LIB);

    // Act
    const paths = new Workspaces(root).resolve(join(root, 'src/a.ts'), '@acme/lib');

    // Assess
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.startsWith(join(root, 'packages/lib')))).toBe(true);
  });
});
