// The dead-module judgement on a small Serverless service: the tree of text files is read once per scan root
// and each module's answer kept for all its candidates, so these cases hold that cache to the walk's answer.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';

const service = join(import.meta.dirname, '../../fixtures/corpus/clients-dead-reached/sls');

/** A fresh copy of the service (trees are cached per root), with `extra` files written into it. */
function project(extra: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-dead-'));
  cpSync(service, root, { recursive: true });
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

async function rulesIn(root: string, file: string): Promise<string[]> {
  const result = await scan({ root, workers: 0 });
  return result.findings.filter((f) => f.file === file).map((f) => f.rule);
}

const ASSET = "// src/retiredSync.ts\nexports.syncLedger = async () => fetch('x');\n";

describe('deadModule', () => {
  it.each([
    ['nothing names it', {}, []],
    [
      'only a cloud assembly under another name bundles it',
      {
        'cdk.out.deploy/cdk.out': '{"version":"36.0.0"}',
        'cdk.out.deploy/manifest.json': '{}',
        'cdk.out.deploy/asset.1a2b/index.js': ASSET,
      },
      [],
    ],
    [
      'a job list names it',
      { 'jobs.json': '{ "nightly": "src/retiredSync.syncLedger" }\n' },
      ['http-no-timeout', 'sdk-client-no-timeout'],
    ],
    [
      'a folder that is no cloud assembly bundles it',
      { 'cdk.out.deploy/asset.1a2b/index.js': ASSET },
      ['http-no-timeout', 'sdk-client-no-timeout'],
    ],
  ])('when %s, answers every candidate of the module alike', async (_case, extra, expected) => {
    // Prepare
    const root = project(extra);

    // Act
    const rules = await rulesIn(root, 'src/retiredSync.ts');

    // Assess
    expect(rules.sort()).toEqual(expected);
  });
});
