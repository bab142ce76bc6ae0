// The project's own examples and documentation snippets follow its advice: scanned, they produce no
// finding, unless a `bulwark-ignore` comment gives a reason.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';

const repo = join(import.meta.dirname, '../../../..');

describe('examples and docs snippets', () => {
  it('scan clean, every ignore justified', async () => {
    // Prepare
    const examples = join(repo, 'examples');

    // Act
    const result = await scan({ root: repo, paths: [examples], workers: 0 });

    // Assess
    expect(result.filesScanned).toBeGreaterThan(10);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`)).toEqual([]);
    for (const ignored of result.ignored)
      expect(ignored.reason.length, `${ignored.file}:${ignored.line}`).toBeGreaterThan(10);
    expect(result.problems).toEqual([]);
  });
});
