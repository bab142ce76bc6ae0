// The worker pool of a scan: files go to worker threads in chunks, and come back in their order, so a
// scan's findings do not depend on how many workers ran it.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileOutcome } from './analyzeFile.js';
import type { DiscoveredFile } from './discover.js';

const WORKER_URL = new URL('./scanWorker.js', import.meta.url);

/** Whether the built worker script is present (not when running from sources under tsx). */
export function workerAvailable(): boolean {
  try {
    return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
  } catch {
    return false;
  }
}

/** Analyses `files` in `count` worker threads, 64 files a message, in the order given. */
export async function analyzeInWorkers(
  files: readonly DiscoveredFile[],
  count: number,
  onDone: (n: number) => void,
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
      new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: 96 } }),
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
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat();
}
