// The closing table: the same fault script through the hardened consumer and through the naive one.
import type { RunResult } from './runScenario.js';

const ROWS: readonly [string, (r: RunResult) => string | number][] = [
  ['messages lost (moved to the DLQ)', (r) => r.messagesLost],
  ['orders charged twice', (r) => r.ordersChargedTwice],
  ['orders never charged', (r) => r.ordersNeverCharged],
  ['charge requests sent while payments was down', (r) => r.chargeRequestsWhileDown],
  ['charge requests in all', (r) => r.chargeRequests],
  ['handler time p95 / max (ms)', (r) => `${r.handlerMs.p95} / ${r.handlerMs.max}`],
  ['invocations that failed the whole batch', (r) => r.invocationsFailed],
  ['  of which Lambda timeouts', (r) => r.invocationsTimedOut],
  ['records reported failed (redelivered alone)', (r) => r.recordsReportedFailed],
  ['retries', (r) => r.retries],
  ['run time (s)', (r) => (r.elapsedMs / 1_000).toFixed(1)],
];

/**
 * Renders the comparison as a fixed-width text table.
 *
 * @example
 * ```ts
 * process.stdout.write(comparisonTable(hardened, naive));
 * ```
 */
export function comparisonTable(hardened: RunResult, naive: RunResult): string {
  const width = Math.max(...ROWS.map(([label]) => label.length));
  const header = `${''.padEnd(width)}  ${'hardened'.padStart(10)}  ${'naive'.padStart(10)}`;
  const body = ROWS.map(
    ([label, get]) =>
      `${label.padEnd(width)}  ${String(get(hardened)).padStart(10)}  ${String(get(naive)).padStart(10)}`,
  );
  return [header, '-'.repeat(header.length), ...body].join('\n');
}
