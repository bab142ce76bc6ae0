// CDK apps only `cdklocal` runs: which entries are local-only (cdkCommands.ts) and which modules only such an
// app loads (localCdkApps.ts). Each case is a small repository written to a temporary folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localOnlyEntries } from './cdkCommands.js';
import { localCdkReasons } from './localCdkApps.js';

const base = mkdtempSync(join(tmpdir(), 'local-cdk-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Writes `files` under a new folder named `name` and answers its path. */
function repo(name: string, files: Record<string, string>): string {
  const root = join(base, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const scripts = (s: Record<string, string>) => JSON.stringify({ scripts: s }, null, 2);
const app =
  "import { QueueStack } from './queue-stack';\nimport { seed } from './seed';\nnew QueueStack();\n";
const stack = "import { names } from '../shared/names';\nexport class QueueStack {}\n";

describe('localCdkReasons', () => {
  it('holds back the cdk.json app and the modules only it loads when only cdklocal runs it', () => {
    const root = repo('only-local', {
      'package.json': scripts({ 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      'cdk/app.ts': app,
      'cdk/queue-stack.ts': stack,
      'cdk/seed.ts': 'export async function seed() { await fetch("https://x"); }\n',
      'shared/names.ts': 'export const names = [];\n',
      'src/handler.ts':
        "import { names } from '../shared/names';\nexport const handler = async () => names;\n",
    });
    expect([...localCdkReasons(root).keys()].sort()).toEqual([
      'cdk/app.ts',
      'cdk/queue-stack.ts',
      'cdk/seed.ts',
    ]);
  });

  it('keeps every app when a plain cdk command runs the cdk.json app too', () => {
    const root = repo('also-deployed', {
      'package.json': scripts({ deploy: 'npx cdk deploy', 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      'cdk/app.ts': app,
      'cdk/queue-stack.ts': stack,
      'cdk/seed.ts': 'export async function seed() {}\n',
    });
    expect(localCdkReasons(root).size).toBe(0);
  });

  it('keeps an app a workflow deploys through a CDK action', () => {
    const root = repo('action', {
      'package.json': scripts({ 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      '.github/workflows/deploy.yml': 'steps:\n  - uses: youyo/aws-cdk-github-actions@v2\n',
      'cdk/app.ts': app,
      'cdk/queue-stack.ts': stack,
      'cdk/seed.ts': 'export async function seed() {}\n',
    });
    expect(localCdkReasons(root).size).toBe(0);
  });

  it('keeps a module a test or handler also imports, one named as a Lambda entry, and a computed load', () => {
    const root = repo('shared', {
      'package.json': scripts({ 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      'cdk/app.ts': `${app}const entry = 'cdk/worker';\n`,
      'cdk/queue-stack.ts': stack,
      'cdk/seed.ts': 'export async function seed() {}\n',
      'cdk/worker.ts': 'export const handler = async () => 1;\n',
      'cdk/uses-worker.ts': "import { handler } from './worker';\n",
      'test/seed.test.ts': "import { seed } from '../cdk/seed';\n",
    });
    expect([...localCdkReasons(root).keys()].sort()).toEqual(['cdk/app.ts', 'cdk/queue-stack.ts']);
    const computed = repo('computed', {
      'package.json': scripts({ 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      'cdk/app.ts': `${app}require(process.env.EXTRA_STACK);\n`,
      'cdk/queue-stack.ts': stack,
      'cdk/seed.ts': 'export async function seed() {}\n',
    });
    expect(localCdkReasons(computed).size).toBe(0);
  });

  it('answers nothing without a cdklocal command', () => {
    const root = repo('plain', {
      'package.json': scripts({ deploy: 'cdk deploy' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      'cdk/app.ts': app,
    });
    expect(localCdkReasons(root).size).toBe(0);
  });
});

describe('localOnlyEntries', () => {
  it('separates a second app run by cdklocal --app from the cdk.json app cdk deploys', () => {
    const root = repo('two-apps', {
      'infra/cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'infra/bin/app.ts': '',
      'infra/bin/local-app.ts': '',
    });
    const text = scripts({
      deploy: 'cdk deploy',
      'localstack:deploy':
        "AWS_ENDPOINT_URL=http://localhost:4566 cdklocal deploy --app 'npx ts-node bin/local-app.ts'",
    });
    const entries = localOnlyEntries(
      root,
      [{ path: join(root, 'infra/package.json'), text }],
      [join(root, 'infra')],
    );
    expect(entries.map((e) => e.entry)).toEqual([join(root, 'infra/bin/local-app.ts')]);
  });

  it('gives up on a plain --app it cannot resolve', () => {
    const root = repo('unresolved', { 'bin/local-app.ts': '' });
    const text = scripts({
      deploy: "cdk deploy --app 'npx ts-node bin/missing.ts'",
      local: "cdklocal deploy --app 'npx ts-node bin/local-app.ts'",
    });
    expect(localOnlyEntries(root, [{ path: join(root, 'package.json'), text }], [])).toEqual([]);
  });
});
