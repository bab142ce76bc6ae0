// Everything `bulwark breaker` touches outside itself, so tests run it in-process against the SSM emulator.
import type { SSMClient } from '@aws-sdk/client-ssm';

/**
 * The outside world of {@link breakerMain}: streams, environment, the SSM client, the confirmation
 * prompt and the clock. Every field defaults to the real thing.
 *
 * @example
 * ```ts
 * import { SSMClient } from '@aws-sdk/client-ssm';
 * const out: string[] = [];
 * const io: BreakerCliIo = { stdout: (s) => out.push(s), client: new SSMClient({ region: 'eu-west-1' }) };
 * ```
 */
export interface BreakerCliIo {
  /** @defaultValue writes to `process.stdout` */
  readonly stdout?: (text: string) => void;
  /** @defaultValue writes to `process.stderr` */
  readonly stderr?: (text: string) => void;
  /** @defaultValue `process.env` */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @defaultValue `new SSMClient({ region: --region })` with connection and request timeouts from `--timeout` */
  readonly client?: SSMClient;
  /**
   * Asks the operator to confirm a write; resolves true to go on.
   * @defaultValue a y/N prompt on a terminal; refuses (exit 2, "pass --yes") when stdin is not one
   */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** @defaultValue `Date.now` */
  readonly now?: () => number;
}
