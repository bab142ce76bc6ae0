import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { absolutePath, toRel } from './discover.js';

describe('path helpers of the file discovery', () => {
  it.each([
    ['/repo', '/repo/src/a.ts'],
    ['/repo', 'src/a.ts'],
    ['/repo', './src/../lib/b.ts'],
    ['/repo', '/repo//src/a.ts'],
    ['/repo', '/repo/src/'],
    ['/repo', '/repo/src/.'],
    ['/repo', '/repo/src/..'],
    ['/repo', '/repo/./x'],
    ['/repo', '/'],
    ['/repo', '/.hidden/x.ts'],
    ['/repo', '/repo/..foo/x.ts'],
  ])('absolutePath(%j, %j) is what path.resolve gives', (base, path) => {
    // Assess
    expect(absolutePath(base, path)).toBe(resolve(base, path));
  });

  it.each([
    ['/repo', '/repo/src/a.ts', 'src/a.ts'],
    ['/repo', '/repo', 'repo'],
    ['/repo', '/repository/a.ts', '../repository/a.ts'],
    ['/repo', '/rep/a.ts', '../rep/a.ts'],
    ['/repo/src', '/repo/lib/b.ts', '../lib/b.ts'],
    ['/', '/a/b.ts', 'a/b.ts'],
  ])('toRel(%j, %j) is %j', (root, path, rel) => {
    // Assess
    expect(toRel(root, path)).toBe(rel);
    if (path !== root) expect(toRel(root, path)).toBe(relative(root, path));
  });
});
