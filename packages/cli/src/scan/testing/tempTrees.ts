// Small repositories written to temporary folders for scan tests, removed after each test. Test support
// only (src/**/testing is excluded from the build): several test files carried their own copy.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Registers, in the calling test file, the removal of every tree written after each test, and returns the
 * writer: `files` (paths relative to the tree, folders made as needed) under a new folder named `prefix...`.
 * Call it at the top level of a test file.
 * @example
 * const tree = tempTrees('bulwark-methods-');
 * const root = tree({ 'src/a.ts': 'export const a = 1;\n' });
 */
export function tempTrees(prefix: string): (files: Readonly<Record<string, string>>) => string {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });
  return (files) => {
    const root = mkdtempSync(join(tmpdir(), prefix));
    roots.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };
}
