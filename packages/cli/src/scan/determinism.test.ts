// A scan's report depends only on the files it reads: not on the order they are listed or discovered in,
// nor on what an earlier scan in the same process left behind (scan:eval scans thirty repositories in one
// process; the project pass analyses deferred modules lazily, in the order other modules ask).
import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from './Finding.js';
import { scan } from './scan.js';

const corpus = join(import.meta.dirname, '../../fixtures/corpus');

/** Everything a report says, in an order of its own: only findings come sorted from the scan. */
function report(r: ScanResult): string[] {
  const line = (f: { file: string; line: number; column: number; rule: string }) =>
    `${f.file}:${f.line}:${f.column} ${f.rule}`;
  return [
    ...r.findings.map((f) => `finding ${line(f)} ${f.severity} ${f.confidence} ${f.message}`),
    ...r.ignored.map((f) => `ignored ${line(f)} ${f.reason}`).sort(),
    ...r.problems.map((p) => `problem ${p.file} ${p.kind}`).sort(),
  ];
}

describe('scan determinism', () => {
  it('gives the labelled corpus the same report scanned twice, and with its folders listed in reverse', async () => {
    // Prepare
    const entries = readdirSync(corpus).sort();

    // Act
    const first = report(await scan({ root: corpus, paths: entries, workers: 0 }));
    const again = report(await scan({ root: corpus, paths: entries, workers: 0 }));
    const reversed = report(await scan({ root: corpus, paths: [...entries].reverse(), workers: 0 }));

    // Assess
    expect(first.length).toBeGreaterThan(400);
    expect(again).toEqual(first);
    expect(reversed).toEqual(first);
  }, 180_000);

  it('gives the same report whatever order the files are listed in, analysed in-process or by workers', async () => {
    // Prepare: every file listed on its own, so the project pass meets the modules in the order given.
    // Two modules exporting the same name (errors/sameNameExports) made a finding hang on which was asked first.
    const files = (readdirSync(corpus, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(corpus.length + 1))
      .sort();
    const interleaved = [...files.filter((_, i) => i % 2 === 1), ...files.filter((_, i) => i % 2 === 0)];

    // Act
    const sorted = report(await scan({ root: corpus, paths: files, workers: 0 }));
    const reversed = report(await scan({ root: corpus, paths: [...files].reverse(), workers: 0 }));
    const mixed = report(await scan({ root: corpus, paths: interleaved, workers: 0 }));
    const pooled = report(await scan({ root: corpus, paths: [...files].reverse(), workers: 2 }));

    // Assess
    expect(sorted.length).toBeGreaterThan(400);
    expect(reversed).toEqual(sorted);
    expect(mixed).toEqual(sorted);
    expect(pooled).toEqual(sorted);
  }, 240_000);
});
