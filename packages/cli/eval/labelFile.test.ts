// The label file reader: a malformed line must stop the evaluation, not be skipped (a skipped positive
// would raise precision and recall silently).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScopeRange, readLabels, scopeMatcher } from './labelFile.js';

function labelFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-labels-'));
  const path = join(dir, 'x.labels');
  writeFileSync(path, text);
  return path;
}

describe('readLabels', () => {
  it('reads scope, rules, positives and traps, and skips comments', () => {
    // Prepare
    const path = labelFile(
      '# a comment\nscope src/\nrules http-no-timeout no-retry\n+ src/a.ts:3 http-no-timeout no timeout: hangs\n- src/b.ts:9 no-retry a POST\n',
    );

    // Act
    const read = readLabels(path);

    // Assess
    expect(read.scope).toEqual(['src/']);
    expect(read.rules).toEqual(['http-no-timeout', 'no-retry']);
    expect(read.labels).toEqual([
      { kind: '+', file: 'src/a.ts', line: 3, rule: 'http-no-timeout', why: 'no timeout: hangs' },
      { kind: '-', file: 'src/b.ts', line: 9, rule: 'no-retry', why: 'a POST' },
    ]);
  });

  it('throws on a label without a why, naming the file and line', () => {
    // Prepare
    const path = labelFile('scope src/\n+ src/a.ts:3 http-no-timeout\n');

    // Act
    const read = () => readLabels(path);

    // Assess
    expect(read).toThrow(/x\.labels:2: not a label: \+ src\/a\.ts:3 http-no-timeout/);
  });
});

describe('scopeMatcher', () => {
  it('admits a named folder only as a folder, and a missing path as a prefix', () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'bulwark-scope-'));
    mkdirSync(join(root, 'src'));

    // Act
    const inScope = scopeMatcher(root, ['src', 'tf/5_sqs_']);

    // Assess
    expect(inScope('src/a.ts')).toBe(true);
    expect(inScope('srcx/a.ts')).toBe(false);
    expect(inScope('tf/5_sqs_orders.tf')).toBe(true);
    expect(inScope('tf/6_sns.tf')).toBe(false);
  });

  it('admits a ranged file only on its lines, and the file itself when asked without a line', () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'bulwark-scope-'));

    // Act
    const inScope = scopeMatcher(root, ['serverless.yml:17-80', 'serverless.yml:536-960']);

    // Assess
    expect(inScope('serverless.yml', 17)).toBe(true);
    expect(inScope('serverless.yml', 80)).toBe(true);
    expect(inScope('serverless.yml', 81)).toBe(false);
    expect(inScope('serverless.yml', 700)).toBe(true);
    expect(inScope('serverless.yml', 1200)).toBe(false);
    expect(inScope('serverless.yml')).toBe(true);
    expect(inScope('other.yml', 20)).toBe(false);
  });

  it('throws on a range that ends before it starts, naming the scope', () => {
    expect(() => parseScopeRange('serverless.yml:90-80')).toThrow(
      'scope serverless.yml:90-80: the range ends (80) before it starts (90)',
    );
    expect(parseScopeRange('src/handlers/')).toBeUndefined();
  });
});
