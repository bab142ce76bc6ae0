// `--min-confidence`: a report of the surest findings only, and never one that hides that it is short.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ScanIo, scanMain } from './scanMain.js';

function capture(cwd: string): ScanIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    out: () => out,
    err: () => err,
  };
}

// A fetch with no timeout (http-no-timeout: `high`) and a queue with no redrive (iac-missing-dlq,
// critical but `medium`: its precision on unseen repositories was 47 of 93).
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-minconf-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(
    join(dir, 'src/a.ts'),
    "export async function load() {\n  const res = await fetch('https://a.example/x', { method: 'POST' });\n  if (!res.ok) throw new Error('x');\n}\n",
  );
  writeFileSync(join(dir, 'template.yaml'), 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n');
  return dir;
}

const rules = (io: { out: () => string }) =>
  (JSON.parse(io.out()) as { findings: { rule: string; confidence: string }[] }).findings.map(
    (f) => `${f.rule} ${f.confidence}`,
  );

describe('--min-confidence', () => {
  it('reports every finding by default', async () => {
    const io = capture(project());
    expect(await scanMain(['--format', 'json', '-q'], io)).toBe(0);
    expect(rules(io)).toEqual(['iac-missing-dlq medium', 'http-no-timeout high']);
  });

  it('leaves out findings below the level and says how many on stderr', async () => {
    const io = capture(project());
    expect(await scanMain(['--format', 'json', '--min-confidence', 'high'], io)).toBe(0);
    expect(rules(io)).toEqual(['http-no-timeout high']);
    expect(io.err()).toContain('bulwark scan: 1 finding below --min-confidence high not reported');
  });

  it('makes --fail-on count only the findings it reports', async () => {
    const dir = project();
    expect(await scanMain(['--fail-on', 'critical', '-q'], capture(dir))).toBe(1);
    expect(await scanMain(['--fail-on', 'critical', '--min-confidence', 'high', '-q'], capture(dir))).toBe(0);
  });

  it('exits 2 naming the value for anything but high, medium or low', async () => {
    const io = capture(project());
    expect(await scanMain(['--min-confidence', 'sure'], io)).toBe(2);
    expect(io.err()).toContain('--min-confidence must be high, medium or low, got "sure"');
  });
});
