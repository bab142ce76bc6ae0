// The `bulwark` binary as a real process: dispatch, exit codes and output streams.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'packages/cli/src/bin.ts');
const tsx = join(root, 'node_modules/.bin/tsx');

function run(args: string[], cwd: string) {
  const r = spawnSync(tsx, ['--conditions=@bulwark/source', bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-bin-'));
  // The file's text holds a template literal; keep it out of one here so the source reads as it is written.
  const source = ['export const get = () => fetch(`$', '{process.env.API_URL}/x`);\n'].join('');
  writeFileSync(join(dir, 'a.ts'), source);
  writeFileSync(join(dir, 'template.yaml'), 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n');
  return dir;
}

// Each case spawns tsx, which compiles the CLI's source first: seconds on two cores shared with the rest of the
// suite, past vitest's 5 s default; the bound is the spawn's own 30 s.
describe('bulwark (process)', { timeout: 30_000 }, () => {
  it('exits 1 for --fail-on high with findings, and writes the summary to stderr', () => {
    // Prepare
    const dir = project();

    // Act
    const r = run(['scan', '--fail-on', 'high', '--format', 'json'], dir);

    // Assess
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { rule: string }[] };
    expect(report.findings.map((f) => f.rule).sort()).toEqual([
      'http-no-timeout',
      'iac-missing-dlq',
      'no-retry',
    ]);
    expect(r.stderr).toMatch(
      /bulwark scan: 2 files in [\d.]+ s, 3 findings \(1 critical, 1 high, 1 medium\)/,
    );
  });

  it.each([
    [['scan', 'missing-dir'], /path not found/],
    [['scan', '--format'], /argument missing/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /missing command/],
  ])('exits 2 for %j', (args, message) => {
    // Act
    const r = run(args, project());

    // Assess
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('dispatches `bulwark breaker` to the breaker command', () => {
    // Act
    const r = run(['breaker', '--help'], project());

    // Assess: the breaker command owns its output; the dispatcher only has to reach it.
    expect(r.stderr + r.stdout).toMatch(/breaker/i);
    expect(r.stderr).not.toMatch(/unknown command/);
  });
});
