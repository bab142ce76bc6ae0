// The public entry of `bulwark dlq`. Its implementation (./main.ts) imports the AWS SDK's SQS client; loading
// it on the first call keeps `bulwark scan` and `import { scan } from '@bulwark/cli'` free of it.
import type { DlqCliIo } from './DlqCliIo.js';

/**
 * Runs `bulwark dlq status|redrive|cancel ...` and resolves to the exit code: 0 done (a dry run included),
 * 1 SQS refused, failed or timed out, or not confirmed, 2 usage error. Never throws.
 *
 * @param argv the arguments after `dlq` (a leading `dlq` is tolerated).
 * @example
 * ```ts
 * import { dlqMain } from '@bulwark/cli';
 * process.exitCode = await dlqMain(['redrive', 'orders-dlq']); // a dry run
 * ```
 */
export async function dlqMain(argv: readonly string[], io: DlqCliIo = {}): Promise<number> {
  const { runDlq } = await import('./main.js');
  return runDlq(argv, io);
}
