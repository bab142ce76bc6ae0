// The pool must settle when a worker dies: a scan that waits forever on a dead worker hangs a CI job.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DiscoveredFile } from './discover.js';
import { analyzeInWorkers } from './workerPool.js';

function workerScript(body: string): URL {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-pool-'));
  const file = join(dir, 'worker.mjs');
  writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
  return pathToFileURL(file);
}

const files: DiscoveredFile[] = Array.from({ length: 130 }, (_, i) => ({
  path: `/x/f${i}.ts`,
  rel: `f${i}.ts`,
  kind: 'code',
  size: 1,
}));

describe('analyzeInWorkers', () => {
  it('returns every chunk in order when the workers answer', async () => {
    // Prepare
    const echo = workerScript(
      `parentPort.on('message', (chunk) => parentPort.postMessage(chunk.map((f) => f.rel)));`,
    );

    // Act
    const outcomes = await analyzeInWorkers(files, 2, () => {}, echo);

    // Assess
    expect(outcomes).toEqual(files.map((f) => f.rel));
  });

  it('rejects, naming the way out, when a worker exits without an error', async () => {
    // Prepare
    const quits = workerScript(`parentPort.on('message', () => process.exit(3));`);

    // Act
    const run = analyzeInWorkers(files, 2, () => {}, quits);

    // Assess
    await expect(run).rejects.toThrow(/a scan worker exited \(code 3\).*--workers 0/);
  });

  it('rejects when a worker throws', async () => {
    // Prepare
    const throws = workerScript(`parentPort.on('message', () => { throw new Error('parser blew up'); });`);

    // Act
    const run = analyzeInWorkers(files, 2, () => {}, throws);

    // Assess
    await expect(run).rejects.toThrow('parser blew up');
  });
});
