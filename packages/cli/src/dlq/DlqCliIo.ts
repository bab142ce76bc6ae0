// Everything `bulwark dlq` touches outside itself, so tests run it in-process against the SQS emulator.
import type { SQSClient } from '@aws-sdk/client-sqs';

/**
 * The outside world of {@link dlqMain}: streams, environment, the SQS client and the confirmation prompt.
 * Every field defaults to the real thing.
 *
 * @example
 * ```ts
 * import { SQSClient } from '@aws-sdk/client-sqs';
 * const out: string[] = [];
 * const io: DlqCliIo = { stdout: (s) => out.push(s), client: new SQSClient({ region: 'eu-west-1' }) };
 * ```
 */
export interface DlqCliIo {
  /** @defaultValue writes to `process.stdout` */
  readonly stdout?: (text: string) => void;
  /** @defaultValue writes to `process.stderr` */
  readonly stderr?: (text: string) => void;
  /** @defaultValue `new SQSClient({ region })` with connection and request timeouts from `--timeout` */
  readonly client?: SQSClient;
  /**
   * Asks the operator to confirm; resolves true to go on.
   * @defaultValue a y/N prompt on a terminal; refuses (exit 2, "pass --yes") when stdin is not one
   */
  readonly confirm?: (question: string) => Promise<boolean>;
}
