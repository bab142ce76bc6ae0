import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insideRoot } from './insideRoot.js';

// outside/secret.yml beside outside/repo, the scan root; repo/link.yml points at the secret.
const top = mkdtempSync(join(tmpdir(), 'bulwark-inside-root-'));
const root = join(top, 'repo');
mkdirSync(join(root, 'config'), { recursive: true });
writeFileSync(join(top, 'secret.yml'), 'token: x\n');
writeFileSync(join(root, 'config/dev.yml'), 'a: 1\n');
symlinkSync(join(top, 'secret.yml'), join(root, 'link.yml'));
symlinkSync(join(root, 'config/dev.yml'), join(root, 'inner.yml'));
symlinkSync(top, join(root, 'up'));

describe('insideRoot', () => {
  it.each([
    ['the root itself', root, true],
    ['a file in the tree', join(root, 'config/dev.yml'), true],
    ['a symlink to a file in the tree', join(root, 'inner.yml'), true],
    ['a path climbing past the root', join(root, '../secret.yml'), false],
    ['an absolute path elsewhere', join(top, 'secret.yml'), false],
    ['a symlink in the tree to a file outside', join(root, 'link.yml'), false],
    ['a file reached through a symlinked folder pointing out', join(root, 'up/secret.yml'), false],
    ['a file that does not exist', join(root, 'config/missing.yml'), false],
  ])('%s', (_name, path, expected) => {
    // Act
    const inside = insideRoot(root, path);

    // Assess
    expect(inside).toBe(expected);
  });

  it('answers true when no root is known (one file analysed on its own)', () => {
    // Act
    const inside = insideRoot(undefined, join(top, 'secret.yml'));

    // Assess
    expect(inside).toBe(true);
  });
});
