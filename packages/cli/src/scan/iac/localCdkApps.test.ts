// CDK apps only `cdklocal` runs: which entries are local-only (cdkCommands.ts) and which modules only such an
// app loads (localCdkApps.ts). Each case is a small repository written to a temporary folder; the scan's
// inputs (DeployPaths' evidence, the tree's texts, the module resolver) are built here as the scan builds them.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXTENSIONS } from '../moduleResolver.js';
import { localOnlyEntries } from './cdkCommands.js';
import { localCdkReasons, type TextFile } from './localCdkApps.js';
import { DeployPaths } from './localTemplates.js';

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

function textsOf(dir: string): TextFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? textsOf(join(dir, e.name))
      : [{ file: join(dir, e.name), text: readFileSync(join(dir, e.name), 'utf8') }],
  );
}

/** localCdkReasons as the scan calls it; `aliases` maps a non-relative specifier to a file under root. */
function reasonsOf(root: string, aliases: Record<string, string> = {}): Map<string, string> {
  const texts = textsOf(root);
  const known = new Set(texts.map((t) => t.file));
  const cdkDirs = texts.filter((t) => t.file.endsWith('/cdk.json')).map((t) => dirname(t.file));
  const at = (path: string) =>
    [path, ...EXTENSIONS.map((e) => path + e), ...EXTENSIONS.map((e) => join(path, `index${e}`))].find((p) =>
      known.has(p),
    );
  return localCdkReasons({
    root,
    cdkDirs,
    commandFiles: new DeployPaths(root).cdkEvidence(cdkDirs),
    texts: () => texts,
    resolve: (from, spec) =>
      spec.startsWith('.')
        ? at(resolve(dirname(from), spec))
        : aliases[spec] && at(join(root, aliases[spec])),
  });
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
    expect([...reasonsOf(root).keys()].sort()).toEqual(['cdk/app.ts', 'cdk/queue-stack.ts', 'cdk/seed.ts']);
  });

  it('keeps every app when a plain cdk command runs the cdk.json app too', () => {
    const root = repo('also-deployed', {
      'package.json': scripts({ deploy: 'npx cdk deploy', 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      'cdk/app.ts': app,
      'cdk/queue-stack.ts': stack,
      'cdk/seed.ts': 'export async function seed() {}\n',
    });
    expect(reasonsOf(root).size).toBe(0);
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
    expect(reasonsOf(root).size).toBe(0);
  });

  it('keeps a module a test or handler also imports, one named as a Lambda entry, and a computed load', () => {
    const root = repo('shared', {
      'package.json': scripts({ 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      'cdk/app.ts': `${app}import { jobs } from './worker';\nconst entry = 'cdk/worker';\n`,
      'cdk/queue-stack.ts': stack,
      'cdk/seed.ts': 'export async function seed() {}\n',
      'cdk/worker.ts': 'export const jobs = [];\n',
      'test/seed.test.ts': "import { seed } from '../cdk/seed';\n",
    });
    expect([...reasonsOf(root).keys()].sort()).toEqual(['cdk/app.ts', 'cdk/queue-stack.ts']);
    const computed = repo('computed', {
      'package.json': scripts({ 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      'cdk/app.ts': `${app}require(process.env.EXTRA_STACK);\n`,
      'cdk/queue-stack.ts': stack,
      'cdk/seed.ts': 'export async function seed() {}\n',
    });
    expect(reasonsOf(computed).size).toBe(0);
  });

  it('reads the plain deploy where DeployPaths reads it: README, GitLab CI, a named script, projen', () => {
    const local = {
      'package.json': scripts({ 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      'cdk/app.ts': app,
      'cdk/queue-stack.ts': stack,
      'cdk/seed.ts': 'export async function seed() {}\n',
    };
    const plain = [
      { 'README.md': '## Deploy\n\n    npx cdk deploy --all\n' },
      { '.gitlab-ci.yml': 'deploy:\n  script:\n    - npx cdk deploy --all\n' },
      {
        'package.json': scripts({
          'local:deploy': 'cdklocal deploy --all',
          deploy: 'node scripts/deploy.mjs',
        }),
        'scripts/deploy.mjs': "execSync('npx cdk deploy --all');\n",
      },
      { 'package.json': scripts({ 'local:deploy': 'cdklocal deploy --all', deploy: 'npx projen deploy' }) },
      { '.github/workflows/ship.yml': 'steps:\n  - run: npx aws-cdk@2 deploy --all\n' },
    ];
    plain.forEach((extra, i) => {
      expect(reasonsOf(repo(`evidence-${i}`, { ...local, ...extra })).size).toBe(0);
    });
  });

  it('keeps an app that builds a CDK Pipeline: the pipeline deploys it', () => {
    const files = {
      'package.json': scripts({ 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': "import { PipelineStack } from '../lib/pipeline-stack';\nnew PipelineStack();\n",
    };
    const modular = repo('pipeline', {
      ...files,
      'lib/pipeline-stack.ts':
        "import { CodePipeline } from 'aws-cdk-lib/pipelines';\nexport class PipelineStack {}\n",
    });
    expect(reasonsOf(modular).size).toBe(0);
    const namespaced = repo('pipeline-ns', {
      ...files,
      'lib/pipeline-stack.ts':
        "import { pipelines } from 'aws-cdk-lib';\nexport class PipelineStack { p = new pipelines.CodePipeline(this, 'P', {}); }\n",
    });
    expect(reasonsOf(namespaced).size).toBe(0);
  });

  it('keeps a module a deployed handler imports through a path alias', () => {
    const root = repo('alias', {
      'package.json': scripts({ 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': "import { client } from '../shared/http';\n",
      'shared/http.ts': 'export const client = {};\n',
      'src/handler.ts': "import { client } from '@shared/http';\nexport const go = () => client;\n",
    });
    expect([...reasonsOf(root, { '@shared/http': 'shared/http' }).keys()]).toEqual(['bin/app.ts']);
  });

  it('keeps a module a deployed stack names as a Lambda entry, and one that exports a handler', () => {
    const root = repo('entry-path', {
      'package.json': scripts({
        deploy: 'cdk deploy',
        local: "cdklocal deploy --app 'npx ts-node bin/local.ts'",
      }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': "import { QueueStack } from '../lib/queue-stack';\n",
      'bin/local.ts': "import { seed } from '../lib/seed';\nimport { run } from '../lib/run';\n",
      'lib/queue-stack.ts':
        "export class QueueStack { f = new NodejsFunction(this, 'Seeder', { entry: path.join(__dirname, 'seed.ts') }); }\n",
      'lib/seed.ts': 'export async function seed() { await fetch("https://x"); }\n',
      'lib/run.ts': 'export const run = 1;\nexport const handler = async () => run;\n',
    });
    expect([...reasonsOf(root).keys()]).toEqual(['bin/local.ts']);
  });

  it('holds a module only an `import type` of it reaches from outside, not one a value import reaches', () => {
    const root = repo('type-only', {
      'package.json': scripts({ 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      'cdk/app.ts': "import { a } from './typed';\nimport { b } from './valued';\n",
      'cdk/typed.ts': 'export const a = 1;\nexport type A = number;\n',
      'cdk/valued.ts': 'export const b = 1;\n',
      'src/uses.ts': "import type { A } from '../cdk/typed';\nimport { b } from '../cdk/valued';\n",
    });
    expect([...reasonsOf(root).keys()].sort()).toEqual(['cdk/app.ts', 'cdk/typed.ts']);
  });

  it('keeps an app whose entry something else imports', () => {
    const root = repo('imported-entry', {
      'package.json': scripts({ 'local:deploy': 'cdklocal deploy --all' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      'cdk/app.ts': app,
      'cdk/queue-stack.ts': stack,
      'cdk/seed.ts': 'export async function seed() {}\n',
      'src/main.ts': "import '../cdk/app';\n",
    });
    expect(reasonsOf(root).size).toBe(0);
  });

  it('answers nothing without a cdklocal command', () => {
    const root = repo('plain', {
      'package.json': scripts({ deploy: 'cdk deploy' }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node cdk/app.ts' }),
      'cdk/app.ts': app,
    });
    expect(reasonsOf(root).size).toBe(0);
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

  it('reads versioned and argv plain commands as plain; the cdklocal line alone stays local', () => {
    const root = repo('versioned', {
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': '',
    });
    const local = '"local": "cdklocal deploy --all",\n';
    for (const plain of [
      '"deploy": "npx cdk@latest deploy --all"',
      '"deploy": "pnpm dlx aws-cdk@2.150.0 deploy"',
      'spawn(["npx", "cdk", "deploy"])',
    ]) {
      const files = [{ path: join(root, 'package.json'), text: `${local}${plain}\n` }];
      expect(localOnlyEntries(root, files, [root])).toEqual([]);
    }
    const argv = [{ path: join(root, 'package.json'), text: local }];
    expect(localOnlyEntries(root, argv, [root]).map((e) => e.entry)).toEqual([join(root, 'bin/app.ts')]);
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
