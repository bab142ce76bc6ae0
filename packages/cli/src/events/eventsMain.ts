// The public entry of `bulwark events`. Its implementation (./main.ts) imports the AWS SDK's EventBridge
// client; loading it on the first call keeps `bulwark scan` free of it.
import type { EventsCliIo } from './EventsCliIo.js';

/**
 * Runs `bulwark events replay|replay-status ...` and resolves to the exit code: 0 done (a dry run included),
 * 1 EventBridge refused, failed or timed out, a FAILED replay, or not confirmed, 2 usage error. Never throws.
 *
 * @param argv the arguments after `events` (a leading `events` is tolerated).
 * @example
 * ```ts
 * import { eventsMain } from '@bulwark/cli';
 * process.exitCode = await eventsMain(['replay', '--archive', 'orders', '--from', '2026-11-23T10:00:00Z', '--to', '2026-11-23T11:00:00Z']);
 * ```
 */
export async function eventsMain(argv: readonly string[], io: EventsCliIo = {}): Promise<number> {
  const { runEvents } = await import('./main.js');
  return runEvents(argv, io);
}
