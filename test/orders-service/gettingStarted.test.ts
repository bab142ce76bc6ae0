// docs/getting-started.md promises that every step is a command that works. Each command in it is listed
// here with the way it is checked; a command added to the guide without a check fails this test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan } from '@bulwark/cli';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const guide = readFileSync(join(root, 'docs', 'getting-started.md'), 'utf8');
const folder = join(root, 'examples', 'snippets', 'getting-started');
const commands = [...guide.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
  (m[1] as string).split('\n').filter((line) => line.trim() !== ''),
);

describe('docs/getting-started.md', () => {
  it('shows exactly the commands checked below', () => {
    expect(commands).toEqual([
      'npm install --no-audit --no-fund',
      'npx vitest run --project examples examples/snippets/getting-started',
      'npm run build',
      'node packages/cli/dist/bin.js scan examples/snippets/getting-started',
      'cp -r examples/snippets/getting-started examples/my-consumer',
      'npx vitest run --project examples examples/my-consumer',
    ]);
  });

  it('runs the tests it names through a vitest project that covers the folder', () => {
    // The tests themselves run in this suite (project `examples`); here: the command reaches them.
    const config = readFileSync(join(root, 'vitest.config.ts'), 'utf8');
    expect(config).toContain("name: 'examples', root: 'examples', include: ['**/*.test.ts']");
    expect(readdirSync(folder).filter((f) => f.endsWith('.test.ts'))).toEqual(['chargeConsumer.test.ts']);
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.build).toBeDefined();
    expect(JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8'))).toMatchObject({
      bin: { bulwark: './dist/bin.js' },
    });
  });

  it('keeps the folder self-contained, so the copy step gives a consumer that still runs', () => {
    for (const file of readdirSync(folder)) {
      const imports = [...readFileSync(join(folder, file), 'utf8').matchAll(/from '([^']+)'/g)].map(
        (m) => m[1] as string,
      );
      for (const source of imports) expect(source.startsWith('../'), `${file} imports ${source}`).toBe(false);
    }
  });

  it('gets nothing from the scan (a protected client included)', async () => {
    const result = await scan({ root, paths: [folder] });
    expect(result.problems).toEqual([]);
    expect(result.findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([]);
  });
});
