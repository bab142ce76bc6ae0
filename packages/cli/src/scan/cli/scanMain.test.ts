// `bulwark scan` as a command: exit codes, outputs, ignore comments, config, and bad input.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ScanIo, scanMain } from './scanMain.js';

function capture(cwd: string, tty = false): ScanIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    stdout: { write: (t: string) => (out += t), isTTY: tty },
    stderr: { write: (t: string) => (err += t), isTTY: tty },
    out: () => out,
    err: () => err,
  };
}

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-scan-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const UNBOUNDED =
  "export async function load() {\n  const res = await fetch('https://a.example/x', { method: 'POST' });\n  if (!res.ok) throw new Error('x');\n}\n";
const QUEUE = 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n';

describe('scanMain', () => {
  it('reports rule, severity, place, what, impact and fix, and exits 0 without --fail-on', async () => {
    // Prepare
    const dir = project({ 'src/a.ts': UNBOUNDED });
    const io = capture(dir);

    // Act
    const code = await scanMain([], io);

    // Assess
    expect(code).toBe(0);
    expect(io.out()).toContain('src/a.ts:2:21  HIGH  http-no-timeout');
    expect(io.out()).toMatch(/what: +fetch\(\) has no timeout/);
    expect(io.out()).toMatch(/impact: +One slow dependency/);
    expect(io.out()).toMatch(/fix: +Bound every call/);
    expect(io.out()).toMatch(
      /bulwark scan: 1 files in [\d.]+ s, 1 findings \(0 critical, 1 high, 0 medium\)/,
    );
  });

  it.each([
    ['high', 1],
    ['critical', 0],
    ['medium', 1],
    ['none', 0],
  ])('--fail-on %s exits %i for a high finding', async (level, expected) => {
    // Prepare
    const dir = project({ 'a.ts': UNBOUNDED });

    // Act
    const code = await scanMain(['--fail-on', level, '-q'], capture(dir));

    // Assess
    expect(code).toBe(expected);
  });

  it.each([
    [['--format', 'xml'], /--format must be one of text, md, json, sarif, got "xml"/],
    [['--fail-on', 'low'], /--fail-on must be critical, high, medium or none, got "low"/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['does-not-exist'], /path not found: ".*does-not-exist"/],
    [['--workers', 'two'], /--workers must be a whole number >= 0, got "two"/],
    [['--config', 'nope.json'], /config file not found/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    // Prepare
    const dir = project({ 'a.ts': UNBOUNDED });
    const io = capture(dir);

    // Act
    const code = await scanMain(args, io);

    // Assess
    expect(code).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err()).toContain('Usage: bulwark scan');
  });

  it('reports files it cannot use and goes on: syntax errors, binary, huge files, symlink loops', async () => {
    // Prepare
    const dir = project({
      'good.ts': UNBOUNDED,
      'broken.ts': 'export const x = {;\n',
      'plain.ts': 'export const y = [1, 2;\n',
      'blob.js': Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02]),
      'big.ts': `export const big = '${'x'.repeat(2_000)}';\n`,
      'bulwark.config.json': JSON.stringify({ maxFileBytes: 1_000 }),
    });
    mkdirSync(join(dir, 'loop'));
    symlinkSync(dir, join(dir, 'loop', 'again'));
    const io = capture(dir);

    // Act
    const code = await scanMain(['--format', 'json', '-q'], io);
    const declarations = capture(dir);
    writeFileSync(join(dir, 'types.d.ts'), 'export declare const z: ;\n');
    await scanMain(['types.d.ts', '--format', 'json', '-q'], declarations);

    // Assess
    expect(
      (JSON.parse(declarations.out()) as { problems: { kind: string }[] }).problems.map((p) => p.kind),
    ).toEqual(['parse-error']);
    expect(code).toBe(0);
    const report = JSON.parse(io.out()) as {
      findings: { file: string }[];
      problems: { file: string; kind: string; message: string }[];
    };
    expect(report.findings.map((f) => f.file)).toContain('good.ts');
    const problems = Object.fromEntries(report.problems.map((p) => [p.file, `${p.kind}: ${p.message}`]));
    expect(problems['broken.ts']).toMatch(/^parse-error: does not parse: .+\(line 1\)/);
    expect(problems['plain.ts']).toMatch(/^parse-error: does not parse: .+\(line 1\)/);
    expect(problems['blob.js']).toMatch(/^binary: /);
    expect(problems['big.ts']).toMatch(/^too-large: skipped: \d+ bytes is over maxFileBytes \(1000\)/);
    expect(problems['loop/again']).toMatch(/^symlink-loop: symbolic link loop/);
  });

  it('honours bulwark-ignore comments and lists them with their reason', async () => {
    // Prepare
    const dir = project({
      'a.ts':
        "export async function load() {\n  // bulwark-ignore http-no-timeout: the proxy enforces 2 s\n  await fetch('https://a.example/x', { method: 'POST' }).then((r) => r.ok);\n}\n",
      'template.yaml': `Resources:\n  Orders: # bulwark-ignore iac-missing-dlq: replayed by the outbox\n    Type: AWS::SQS::Queue\n`,
    });
    const io = capture(dir);

    // Act
    await scanMain(['--format', 'json', '-q'], io);

    // Assess
    const report = JSON.parse(io.out()) as {
      findings: unknown[];
      ignored: { rule: string; reason: string }[];
    };
    expect(report.findings).toEqual([]);
    expect(report.ignored.map((f) => `${f.rule}: ${f.reason}`)).toEqual([
      'http-no-timeout: the proxy enforces 2 s',
      'iac-missing-dlq: replayed by the outbox',
    ]);
  });

  it('applies the config file: excludes, rule levels and rules turned off', async () => {
    // Prepare
    const dir = project({
      'src/a.ts': UNBOUNDED,
      'legacy/b.ts': UNBOUNDED,
      'infra/template.yaml': QUEUE,
      'bulwark.config.json': JSON.stringify({
        exclude: ['legacy/**'],
        rules: { 'http-no-timeout': 'medium', 'iac-missing-dlq': 'off' },
      }),
    });
    const io = capture(dir);

    // Act
    await scanMain(['--format', 'json', '-q'], io);

    // Assess
    const report = JSON.parse(io.out()) as { findings: { file: string; rule: string; severity: string }[] };
    expect(report.findings.map((f) => `${f.file} ${f.rule} ${f.severity}`)).toEqual([
      'src/a.ts http-no-timeout medium',
    ]);
  });

  it('skips tests and fixtures on a walk, but scans a directory named explicitly', async () => {
    // Prepare
    const dir = project({
      'src/a.ts': UNBOUNDED,
      'src/a.test.ts': UNBOUNDED,
      'fixtures/x/b.ts': UNBOUNDED,
      'node_modules/m/c.ts': UNBOUNDED,
    });
    const walk = capture(dir);
    const named = capture(dir);

    // Act
    await scanMain(['--format', 'json', '-q'], walk);
    await scanMain(['fixtures/x', '--format', 'json', '-q'], named);

    // Assess
    const files = (io: typeof walk) =>
      (JSON.parse(io.out()) as { findings: { file: string }[] }).findings.map((f) => f.file);
    expect(files(walk)).toEqual(['src/a.ts']);
    expect(files(named)).toEqual(['fixtures/x/b.ts']);
  });

  it('writes HARDENING-PLAYBOOK.md for --format md and SARIF to --output', async () => {
    // Prepare
    const dir = project({ 'a.ts': UNBOUNDED, 'template.yaml': QUEUE });

    // Act
    const md = await scanMain(['--format', 'md', '-q'], capture(dir));
    const sarif = await scanMain(['--format', 'sarif', '--output', 'out.sarif', '-q'], capture(dir));

    // Assess
    expect(md).toBe(0);
    expect(sarif).toBe(0);
    expect(readFileSync(join(dir, 'HARDENING-PLAYBOOK.md'), 'utf8')).toContain('## Prioritized plan');
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(existsSync(join(dir, 'out.sarif'))).toBe(true);
  });

  it('draws a progress line on a terminal once the scan has taken over a second, then clears it', async () => {
    // Prepare
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) files[`src/m${i}.ts`] = `export const v${i} = ${i};\n`;
    const dir = project(files);
    let clock = 0;
    const io = { ...capture(dir, true), now: () => (clock += 400) };

    // Act
    await scanMain(['--format', 'json'], io);

    // Assess
    expect(io.err()).toMatch(/\rbulwark scan: \d+\/120 files \(\d+%\)/);
    expect(io.err()).toContain('\r\x1b[K');
  });

  it('draws no progress line for a scan under a second', async () => {
    // Prepare
    const dir = project({ 'a.ts': UNBOUNDED });
    const io = { ...capture(dir, true), now: () => 0 };

    // Act
    await scanMain(['--format', 'json'], io);

    // Assess
    expect(io.err()).not.toContain('\r');
  });

  it('prints a plain summary line, and no progress line, when stderr is not a terminal', async () => {
    // Prepare
    const dir = project({ 'a.ts': UNBOUNDED });
    const io = capture(dir, false);

    // Act
    await scanMain(['--format', 'json'], io);

    // Assess
    expect(io.err()).not.toContain('\r');
    expect(io.err()).toMatch(/^bulwark scan: 1 files in [\d.]+ s, 1 findings/m);
  });
});
