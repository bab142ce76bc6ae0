// Which package folders the walk skips as browser code: a front end, never a Lambda workspace that
// brings Vite in as its test runner or bundler (terraform-aws-github-runner's `lambdas/`: Nx + vitest).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeScanConfig } from './config.js';
import { browserFramework, discover } from './discover.js';

function packageJson(content: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-browser-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify(content));
  return join(dir, 'package.json');
}

describe('browserFramework', () => {
  it.each([
    [{ dependencies: { react: '19', 'react-dom': '19' } }, 'react-dom'],
    [{ devDependencies: { vite: '6', '@vitejs/plugin-vue': '5', vue: '3' } }, '@vitejs/plugin-vue'],
    [{ devDependencies: { vite: '6', vitest: '3', '@nx/vite': '22' } }, undefined],
    [{ workspaces: ['functions/*'], devDependencies: { vite: '6', 'react-dom': '19' } }, undefined],
    [{ dependencies: { 'react-dom': '19', express: '5' } }, undefined],
    [{ dependencies: { 'solid-js': '1' }, devDependencies: { vite: '6', sst: '3' } }, 'solid-js'],
  ])('%j -> %s', (content, expected) => {
    expect(browserFramework(packageJson(content))).toBe(expected);
  });
});

describe('the walk', () => {
  it('scans a vite-tested Lambda workspace and its members, and skips a React member', () => {
    const root = mkdtempSync(join(tmpdir(), 'bulwark-browser-'));
    const files: Record<string, string> = {
      'lambdas/package.json': JSON.stringify({ workspaces: ['functions/*'], devDependencies: { vite: '6' } }),
      'lambdas/functions/scale-up/package.json': JSON.stringify({ devDependencies: { vitest: '3' } }),
      'lambdas/functions/scale-up/src/lambda.ts': 'export const handler = async () => {};\n',
      'lambdas/functions/ui/package.json': JSON.stringify({ dependencies: { 'react-dom': '19' } }),
      'lambdas/functions/ui/src/app.tsx': 'export const App = () => null;\n',
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(root, name, '..'), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    const found = discover(root, [root], normalizeScanConfig({}));
    expect(found.files.map((f) => f.rel)).toContain('lambdas/functions/scale-up/src/lambda.ts');
    expect(found.files.map((f) => f.rel)).not.toContain('lambdas/functions/ui/src/app.tsx');
    expect(found.problems.map((p) => `${p.file} ${p.kind}`)).toEqual(['lambdas/functions/ui browser-code']);
  });
});
