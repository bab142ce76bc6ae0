// The worker pool of a scan: files go to worker threads in chunks, and come back in their order, so a
// scan's findings do not depend on how many workers ran it.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileOutcome } from './analyzeFile.js';
import type { DiscoveredFile } from './discover.js';

const WORKER_URL = new URL('./scanWorkerEntry.js', import.meta.url);

/** Whether the built worker script is present (not when running from sources under tsx). */
export function workerAvailable(): boolean {
  try {
    return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
  } catch {
    return false;
  }
}

/**
 * Analyses `files` in `count` worker threads, 64 files a message, in the order given. A worker that dies
 * (an error, or an exit with chunks still owed) rejects the scan instead of leaving it waiting forever.
 * `workerUrl` is for tests, which need a worker that misbehaves.
 *
 * @example
 * const outcomes = await analyzeInWorkers(found.files, 3, (n) => progress(n));
 */
export async function analyzeInWorkers(
  files: readonly DiscoveredFile[],
  count: number,
  onDone: (n: number) => void,
  workerUrl: URL = WORKER_URL,
): Promise<FileOutcome[]> {
  const chunkSize = 64;
  const chunks: DiscoveredFile[][] = [];
  for (let i = 0; i < files.length; i += chunkSize) chunks.push(files.slice(i, i + chunkSize));
  const results: FileOutcome[][] = new Array(chunks.length);
  let next = 0;
  const workers = Array.from(
    { length: Math.min(count, chunks.length) },
    () =>
      // A larger young generation: parsing allocates whole ASTs that die together, and the default
      // semi-space makes V8 promote and mark-compact them (measured: about a third of scan time).
      new Worker(workerUrl, { resourceLimits: { maxYoungGenerationSizeMb: 96 } }),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((done, fail) => {
            const send = () => {
              if (next >= chunks.length) return done();
              const index = next++;
              worker.once('message', (outcomes: FileOutcome[]) => {
                results[index] = outcomes;
                onDone(outcomes.length);
                send();
              });
              worker.postMessage(chunks[index]);
            };
            worker.once('error', fail);
            // A worker that calls process.exit (or is killed) emits 'exit' without 'error'; after the
            // last chunk, the exit comes from terminate() below and settles nothing.
            worker.once('exit', (code) =>
              fail(
                new Error(
                  `a scan worker exited (code ${code}) before analysing its files; run with --workers 0 to scan in one thread`,
                ),
              ),
            );
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat();
}
