// What a person sees while the demo runs: on a TTY, a few lines redrawn in place; elsewhere (CI, a pipe),
// one plain line per phase change and one at the end of each run.

import type { Snapshot } from './runScenario.js';
import type { Phase } from './scenario.js';

/** Receives snapshots and draws them. */
export interface LiveView {
  update(snapshot: Snapshot): void;
  /** Ends the current run's drawing (the last state stays on screen). */
  finish(snapshot: Snapshot): void;
}

const PHASE_TEXT: Readonly<Record<Phase, string>> = {
  healthy: 'healthy',
  degraded: '30 % 503s + latency',
  down: 'hard down (resets)',
  recovering: 'recovering',
};

function lines(s: Snapshot): string[] {
  const seconds = (s.elapsedMs / 1_000).toFixed(1).padStart(5);
  return [
    `${s.kind.padEnd(8)} ${seconds} s  payments: ${PHASE_TEXT[s.phase]}`,
    `  payments calls ${s.chargeRequests} (${s.chargeRequestsWhileDown} while down)  retries ${s.retries}  breakers ${s.breakers.join(',')}  fleet ${s.fleet}`,
    `  batches ${s.invocations} (${s.invocationsFailed} failed whole)  records failed ${s.recordsReportedFailed}  done ${s.processed}/${s.sent}  queued ${s.queued}  DLQ ${s.dlq}`,
  ];
}

/**
 * A view that redraws in place on a TTY and prints plain lines otherwise.
 *
 * @example
 * ```ts
 * const view = liveView(process.stdout, { tty: process.stdout.isTTY === true });
 * ```
 */
export function liveView(
  out: NodeJS.WritableStream,
  options: { readonly tty: boolean; readonly columns?: number },
): LiveView {
  // A line wider than the terminal wraps, and the redraw would then climb too few lines.
  const fit = (line: string) =>
    options.columns === undefined ? line : line.slice(0, Math.max(20, options.columns - 1));
  let drawn = 0;
  let lastPhase: Phase | undefined;
  return {
    update(snapshot) {
      if (options.tty) {
        const text = lines(snapshot).map(fit);
        // Move up over the previous drawing and clear each line before writing it again.
        out.write(`${drawn > 0 ? `\x1b[${drawn}F` : ''}${text.map((l) => `\x1b[2K${l}`).join('\n')}\n`);
        drawn = text.length;
      } else if (snapshot.phase !== lastPhase) {
        out.write(`${lines(snapshot)[0]}\n`);
      }
      lastPhase = snapshot.phase;
    },
    finish(snapshot) {
      if (options.tty) this.update(snapshot);
      else out.write(`${lines(snapshot).join('\n')}\n`);
      drawn = 0;
      lastPhase = undefined;
      out.write('\n');
    },
  };
}
