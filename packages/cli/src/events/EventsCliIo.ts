// Everything `bulwark events` touches outside itself, so tests run it in-process against the EventBridge emulator.
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';

/**
 * The outside world of {@link eventsMain}: streams, the EventBridge client, the confirmation prompt and the
 * clock. Every field defaults to the real thing.
 *
 * @example
 * ```ts
 * import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
 * const io: EventsCliIo = { client: new EventBridgeClient({ region: 'eu-west-1' }), now: () => Date.parse('2026-11-23T12:00:00Z') };
 * ```
 */
export interface EventsCliIo {
  /** @defaultValue writes to `process.stdout` */
  readonly stdout?: (text: string) => void;
  /** @defaultValue writes to `process.stderr` */
  readonly stderr?: (text: string) => void;
  /** @defaultValue `new EventBridgeClient({ region })` with connection and request timeouts from `--timeout` */
  readonly client?: EventBridgeClient;
  /**
   * Asks the operator to confirm; resolves true to go on.
   * @defaultValue a y/N prompt on a terminal; refuses (exit 2, "pass --yes") when stdin is not one
   */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** @defaultValue `Date.now` */
  readonly now?: () => number;
}
