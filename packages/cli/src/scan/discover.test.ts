import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeScanConfig } from './config.js';
import { absolutePath, discover, toRel } from './discover.js';

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

describe('discover', () => {
  it("skips Yarn Berry's vendored release and Plug'n'Play loader: the package manager's code, not the service's", () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'bulwark-discover-'));
    mkdirSync(join(root, '.yarn', 'releases'), { recursive: true });
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, '.yarn', 'releases', 'yarn-4.17.0.cjs'), 'module.exports = {};\n');
    writeFileSync(join(root, '.pnp.cjs'), 'module.exports = {};\n');
    writeFileSync(join(root, '.pnp.loader.mjs'), 'export {};\n');
    writeFileSync(join(root, 'src', 'handler.ts'), 'export const handler = async () => {};\n');

    // Act
    const found = discover(root, [root], normalizeScanConfig({}));

    // Assess
    expect(found.files.map((f) => f.rel)).toEqual(['src/handler.ts']);
    expect(found.problems).toEqual([]);
  });

  it.each(['.tmp', '.temp', '.cache'])(
    "skips the copies a script left in %s: each would repeat the source's findings once per copy",
    (scratch) => {
      // Prepare: the source, a stale copy of it in a Python tempfile folder, and a `tmp` folder that is code
      const root = mkdtempSync(join(tmpdir(), 'bulwark-discover-'));
      mkdirSync(join(root, scratch, 'tmpk3j9x2ab', 'src'), { recursive: true });
      mkdirSync(join(root, 'src', 'tmp'), { recursive: true });
      const code = 'export const handler = async () => {};\n';
      writeFileSync(join(root, scratch, 'tmpk3j9x2ab', 'src', 'handler.ts'), code);
      writeFileSync(join(root, 'src', 'handler.ts'), code);
      writeFileSync(join(root, 'src', 'tmp', 'upload.ts'), code);

      // Act
      const found = discover(root, [root], normalizeScanConfig({}));

      // Assess: a visible `tmp/` is an ordinary folder name and stays read
      expect(found.files.map((f) => f.rel)).toEqual(['src/handler.ts', 'src/tmp/upload.ts']);
    },
  );

  it('reports a file reached both directly and through a folder link at its own path, once', () => {
    // Prepare: `api/src/helpers -> ../../helpers`, a link the sorted walk meets before `helpers/` itself
    const root = mkdtempSync(join(tmpdir(), 'bulwark-discover-'));
    mkdirSync(join(root, 'helpers'));
    mkdirSync(join(root, 'api', 'src'), { recursive: true });
    writeFileSync(join(root, 'helpers', 'db.ts'), 'export const get = () => 1;\n');
    symlinkSync('../../helpers', join(root, 'api', 'src', 'helpers'));
    const outside = mkdtempSync(join(tmpdir(), 'bulwark-discover-'));
    mkdirSync(join(outside, 'scan'));
    mkdirSync(join(outside, 'shared'));
    writeFileSync(join(outside, 'shared', 'util.ts'), 'export const u = 1;\n');
    symlinkSync('../shared', join(outside, 'scan', 'shared'));

    // Act
    const found = discover(root, [root], normalizeScanConfig({}));
    const sub = discover(outside, [join(outside, 'scan')], normalizeScanConfig({}));

    // Assess: the real path, not the link's; and a link to a folder the walk does not reach is still read
    expect(found.files.map((f) => f.rel)).toEqual(['helpers/db.ts']);
    expect(sub.files.map((f) => f.rel)).toEqual(['scan/shared/util.ts']);
  });

  it('reads the deployment templates and CDK stacks kept in scripts/, never the scripts themselves', () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'bulwark-discover-'));
    mkdirSync(join(root, 'scripts', 'aws', 'cfn'), { recursive: true });
    writeFileSync(join(root, 'scripts', 'aws', 'cfn', 'microservice.yml'), 'Resources: {}\n');
    writeFileSync(join(root, 'scripts', 'stack.ts'), "import { App } from 'aws-cdk-lib';\nnew App();\n");
    writeFileSync(
      join(root, 'scripts', 'seed.ts'),
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n",
    );

    // Act
    const found = discover(root, [root], normalizeScanConfig({}));

    // Assess
    expect(found.files.map((f) => f.rel)).toEqual(['scripts/aws/cfn/microservice.yml', 'scripts/stack.ts']);
  });

  it('skips a CDK cloud assembly whatever its name (cdk --output), by its cdk.out and manifest.json', () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'bulwark-discover-'));
    mkdirSync(join(root, 'cdk.out.deploy', 'asset.3f79'), { recursive: true });
    writeFileSync(join(root, 'cdk.out.deploy', 'cdk.out'), '{"version":"48.0.0"}');
    writeFileSync(join(root, 'cdk.out.deploy', 'manifest.json'), '{}');
    writeFileSync(join(root, 'cdk.out.deploy', 'Api.template.json'), '{"Resources":{}}');
    writeFileSync(
      join(root, 'cdk.out.deploy', 'asset.3f79', 'index.js'),
      'exports.handler = async () => {};\n',
    );
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'handler.ts'), 'export const handler = async () => {};\n');

    // Act
    const found = discover(root, [root], normalizeScanConfig({}));

    // Assess
    expect(found.files.map((f) => f.rel)).toEqual(['src/handler.ts']);
  });
});
