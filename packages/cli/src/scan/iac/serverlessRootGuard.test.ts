// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Serverless variables, written as in serverless.yml
// A serverless.yml's `${file(...)}` is read only inside the scan root: hostile trees that name a file
// outside it (an absolute path, `../` past the root, a symlink pointing out, a pattern listing a folder
// outside) resolve as a missing file does, and an include inside the tree is still read.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../analyzeFile.js';
import { resolveServerless } from './serverlessConfig.js';

const FUNCTIONS = `ingest:
  handler: src/ingest.handler
  events:
    - sqs:
        arn: arn:aws:sqs:us-east-1:000000000000:orders
`;

const top = mkdtempSync(join(tmpdir(), 'bulwark-root-guard-'));
const root = join(top, 'repo');
for (const dir of ['outside/stages', 'repo/inside', 'repo/links', 'repo/src'])
  mkdirSync(join(top, dir), { recursive: true });
writeFileSync(join(top, 'outside/functions.yml'), FUNCTIONS);
writeFileSync(join(top, 'outside/stages/dev.yml'), FUNCTIONS);
writeFileSync(join(root, 'inside/functions.yml'), FUNCTIONS);
writeFileSync(join(root, 'src/ingest.js'), 'export const handler = async () => {};\n');
symlinkSync(join(top, 'outside/functions.yml'), join(root, 'link.yml'));
symlinkSync(join(top, 'outside/functions.yml'), join(root, 'links/dev.yml'));
symlinkSync(join(root, 'inside/functions.yml'), join(root, 'inner.yml'));
const serverlessYml = join(root, 'serverless.yml');

describe('serverless includes outside the scan root', () => {
  it.each([
    ['an absolute path', `\${file(${join(top, 'outside/functions.yml')})}`],
    ['a path climbing past the root', '${file(../outside/functions.yml)}'],
    ['a symlink in the tree to a file outside', '${file(./link.yml)}'],
    ['a pattern path listing a folder outside', '${file(../outside/stages/${env:STAGE}.yml)}'],
    ['a pattern path whose match is a symlink pointing out', '${file(./links/${env:STAGE}.yml)}'],
  ])('are not read: %s', (_name, functions) => {
    // Act
    const { config, mounts } = resolveServerless(serverlessYml, { functions }, undefined, root);

    // Assess
    expect(config.functions).toBe(functions);
    expect(mounts).toEqual([]);
  });

  it.each([
    ['a file in the tree', '${file(./inside/functions.yml)}', 'inside/functions.yml'],
    ['a symlink in the tree to a file in the tree', '${file(./inner.yml)}', 'inner.yml'],
  ])('are read when inside: %s', (_name, functions, from) => {
    // Act
    const { config, mounts } = resolveServerless(serverlessYml, { functions }, undefined, root);

    // Assess
    expect(Object.keys(config.functions as object)).toEqual(['ingest']);
    expect(mounts[0]?.file).toBe(join(root, from));
  });

  it.each([
    ['outside', '${file(../outside/functions.yml)}', []],
    ['inside', '${file(./inside/functions.yml)}', [join(root, 'src/ingest.handler')]],
  ])('reach the scan from a discovered file that carries its root: %s', (_name, functions, handlers) => {
    // Prepare
    const source = `service: orders\nprovider:\n  name: aws\nfunctions: ${functions}\n`;
    writeFileSync(serverlessYml, source);
    const file = {
      path: serverlessYml,
      rel: 'serverless.yml',
      kind: 'iac' as const,
      size: source.length,
      root,
    };

    // Act
    const outcome = analyzeFile(file);

    // Assess
    expect(outcome.kind === 'iac' ? (outcome.result.handlers ?? []) : outcome).toEqual(handlers);
  });
});

describe('the serverless.yml that includes a fragment', () => {
  it('is not looked for above the scan root', () => {
    // Prepare: a serverless.yml above the root includes a file inside it.
    const above = mkdtempSync(join(tmpdir(), 'bulwark-root-guard-above-'));
    mkdirSync(join(above, 'repo'));
    writeFileSync(
      join(above, 'serverless.yml'),
      'service: s\nprovider:\n  name: aws\nfunctions: ${file(./repo/fns.yml)}\n',
    );
    writeFileSync(join(above, 'repo/fns.yml'), FUNCTIONS);
    const file = {
      path: join(above, 'repo/fns.yml'),
      rel: 'fns.yml',
      kind: 'iac' as const,
      size: FUNCTIONS.length,
      root: join(above, 'repo'),
    };

    // Act
    const outcome = analyzeFile(file);

    // Assess: read on its own, the fragment is no template and has nothing to report.
    expect(outcome.kind === 'iac' ? outcome.result.candidates : outcome).toEqual([]);
  });
});
