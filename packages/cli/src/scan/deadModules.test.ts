// The dead-module judgement on a small Serverless service: the tree of text files is read once per scan and
// each module's answer kept for all its candidates, so these cases hold that cache to the walk's answer.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from './scan.js';

const service = join(import.meta.dirname, '../../fixtures/corpus/clients-dead-reached/sls');
const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A temporary folder holding a copy of the service in each of `copies` ('' for the folder itself). */
function project(extra: Record<string, string>, copies: readonly string[] = ['']): string {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-dead-'));
  roots.push(root);
  for (const copy of copies) cpSync(service, join(root, copy), { recursive: true });
  write(root, extra);
  return root;
}

function write(root: string, extra: Record<string, string>): void {
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
}

async function rulesIn(root: string, ...files: string[]): Promise<string[][]> {
  const result = await scan({ root, workers: 0 });
  return files.map((file) =>
    result.findings
      .filter((f) => f.file === file)
      .map((f) => f.rule)
      .sort(),
  );
}

const ASSET = "// src/retiredSync.ts\nexports.syncLedger = async () => fetch('x');\n";
const ASSEMBLY = { 'cdk.out.deploy/cdk.out': '{"version":"36.0.0"}', 'cdk.out.deploy/manifest.json': '{}' };
const BOTH = ['http-no-timeout', 'sdk-client-no-timeout'];
const PLUGINS = 'export const load = (name: string) => require(name);\n';

describe('deadModule', () => {
  it.each([
    ['nothing names it', {}, []],
    [
      'only a cloud assembly under another name bundles it',
      { ...ASSEMBLY, 'cdk.out.deploy/asset.1a2b/index.js': ASSET },
      BOTH,
    ],
    ['a job list names it', { 'jobs.json': '{ "nightly": "src/retiredSync.syncLedger" }\n' }, BOTH],
    ['a folder that is no cloud assembly bundles it', { 'cdk.out.deploy/asset.1a2b/index.js': ASSET }, BOTH],
  ])('when %s, answers every candidate of the module alike', async (_case, extra, expected) => {
    // Prepare
    const root = project(extra);

    // Act
    const [rules] = await rulesIn(root, 'src/retiredSync.ts');

    // Assess
    expect(rules).toEqual(expected);
  });

  it.each([
    ['b', { 'b/src/plugins.ts': PLUGINS }, [[], BOTH]],
    ['a', { 'a/src/plugins.ts': PLUGINS }, [BOTH, []]],
  ])(
    'keeps each module its own answer when only package %s loads by a computed path',
    async (_pkg, extra, expected) => {
      // Prepare: two packages, each with a module of the same name; an answer kept per name would serve both
      const root = project({ 'package.json': '{ "private": true, "workspaces": ["a", "b"] }', ...extra }, [
        'a',
        'b',
      ]);

      // Act
      const rules = await rulesIn(root, 'a/src/retiredSync.ts', 'b/src/retiredSync.ts');

      // Assess
      expect(rules).toEqual(expected);
    },
  );

  it('judges nothing dead when the files, those of a cloud assembly included, pass the walk limit', async () => {
    // Prepare: 19,990 files plus the service's and an assembly's 20 reach the 20,000 limit
    const extra: Record<string, string> = { ...ASSEMBLY };
    for (let i = 0; i < 19_990; i++) extra[`config/c${i}.json`] = '{}';
    for (let i = 0; i < 18; i++) extra[`cdk.out.deploy/asset.${i}/index.js`] = 'exports.x = 1;\n';
    const root = project(extra);

    // Act
    const [rules] = await rulesIn(root, 'src/retiredSync.ts');

    // Assess
    expect(rules).toEqual(BOTH);
  }, 180_000);

  it('sees the files as they are at each scan of the same root in one process', async () => {
    // Prepare
    const root = project({});
    const [before] = await rulesIn(root, 'src/retiredSync.ts');
    write(root, { 'jobs.json': '{ "nightly": "src/retiredSync.syncLedger" }\n' });

    // Act
    const [after] = await rulesIn(root, 'src/retiredSync.ts');

    // Assess
    expect([before, after]).toEqual([[], BOTH]);
  });
});
