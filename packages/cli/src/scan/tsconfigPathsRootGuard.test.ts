// TsconfigPaths reads tsconfig files only inside the scan root, by their real paths: a tsconfig.json or an
// `extends` target that is a symlink pointing out of the tree is not read.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TsconfigPaths } from './tsconfigPaths.js';

const PATHS = JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } });

/** A repository at `<top>/repo` and a tsconfig with `paths` outside it, at `<top>/outside.json`. */
function tree(): { top: string; root: string } {
  const top = mkdtempSync(join(tmpdir(), 'bulwark-tsconfig-root-'));
  const root = join(top, 'repo');
  mkdirSync(join(root, 'src/lib'), { recursive: true });
  writeFileSync(join(top, 'outside.json'), PATHS);
  return { top, root };
}

describe('TsconfigPaths inside the scan root', () => {
  it('does not read a tsconfig.json that is a symlink pointing out', () => {
    // Prepare
    const { top, root } = tree();
    symlinkSync(join(top, 'outside.json'), join(root, 'tsconfig.json'));

    // Act
    const paths = new TsconfigPaths(root).resolve(join(root, 'src/main.ts'), '@lib/x');

    // Assess
    expect(paths).toEqual([]);
  });

  it('does not follow an extends to a symlink pointing out', () => {
    // Prepare
    const { top, root } = tree();
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ extends: './tsconfig.paths.json' }));
    symlinkSync(join(top, 'outside.json'), join(root, 'tsconfig.paths.json'));

    // Act
    const paths = new TsconfigPaths(root).resolve(join(root, 'src/main.ts'), '@lib/x');

    // Assess
    expect(paths).toEqual([]);
  });

  it('follows the same extends when its target sits in the tree', () => {
    // Prepare
    const { root } = tree();
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ extends: './tsconfig.paths.json' }));
    writeFileSync(join(root, 'tsconfig.paths.json'), PATHS);

    // Act
    const paths = new TsconfigPaths(root).resolve(join(root, 'src/main.ts'), '@lib/x');

    // Assess
    expect(paths).toEqual([join(root, 'src/lib/x')]);
  });
});
