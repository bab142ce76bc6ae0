// The README's quick start is exactly commands that work on a fresh clone: npm itself, or a root script
// that exists (`npm run demo` and `npm test` run in this suite too: examples/demo/demo.test.ts, everything).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

it('README quick start: npm install, then root scripts that exist', () => {
  // Prepare
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const commands = block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
  const scripts = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  // Assess
  expect(commands).toEqual(['npm install', 'npm run demo', 'npm test', 'npm run docs:api']);
  for (const command of commands.filter((c) => c.startsWith('npm run '))) {
    expect(scripts[command.slice('npm run '.length)], command).toBeDefined();
  }
  // `npm run demo -- --seed 7` reaches the demo, not the inner npm.
  expect(scripts.demo).toBe('npm run demo --workspace @bulwark/demo --');
});
