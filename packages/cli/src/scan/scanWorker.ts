// Worker thread: analyses the files it is sent and posts the outcomes back.
import { parentPort } from 'node:worker_threads';
import { analyzeFile } from './analyzeFile.js';
import type { DiscoveredFile } from './discover.js';

parentPort?.on('message', (files: DiscoveredFile[]) => {
  parentPort?.postMessage(files.map((f) => analyzeFile(f)));
});
