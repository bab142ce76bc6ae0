// The logger used when the caller gives none: a Powertools Logger, imported on the first event rather
// than at module load (importing it costs ~45 ms cold here; most processes never log a retry). Lines
// logged before the import finishes are queued and written in order once it has.

import type { DependencyLogger } from '../options/DependencyOptions.js';

type Line = readonly ['info' | 'warn', string, object];

let logger: DependencyLogger | undefined;
let loading: Promise<void> | undefined;
const queue: Line[] = [];

function write(line: Line): void {
  if (logger) {
    logger[line[0]](line[1], line[2]);
    return;
  }
  if (queue.length < 1_000) queue.push(line);
  // Stryker disable next-line ConditionalExpression: a second import resolves after the first flushed the queue: the same lines, one more Logger
  if (loading) return;
  loading = import('@aws-lambda-powertools/logger').then(
    ({ Logger }) => {
      const created: DependencyLogger = new Logger({
        serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bulwark',
      });
      logger = created;
      for (const queued of queue.splice(0)) created[queued[0]](queued[1], queued[2]);
    },
    () => {
      // No Powertools installed: fall back to structured console lines rather than losing them.
      const created: DependencyLogger = {
        info: (message, extra) =>
          console.info(JSON.stringify({ level: 'INFO', message, ...(extra as object) })),
        warn: (message, extra) =>
          console.warn(JSON.stringify({ level: 'WARN', message, ...(extra as object) })),
      };
      logger = created;
      for (const queued of queue.splice(0)) created[queued[0]](queued[1], queued[2]);
    },
  );
}

/** A DependencyLogger that forwards to the lazily created default Powertools Logger. */
export const defaultLogger: DependencyLogger = {
  info: (message, extra = {}) => write(['info', message, extra as object]),
  warn: (message, extra = {}) => write(['warn', message, extra as object]),
};
