// The public entry of `bulwark breaker`. Its implementation (./main.ts) imports the AWS SDK's SSM client and
// @bulwark/policies; loading them on the first call keeps `import { scan } from '@bulwark/cli'` free of both.
import type { BreakerCliIo } from './BreakerCliIo.js';

/**
 * Runs `bulwark breaker ...` and resolves to the exit code: 0 done, 1 SSM refused or failed (missing
 * parameter, access denied, throttling, not confirmed), 2 usage error. Never throws.
 *
 * @param argv the arguments after `breaker` (a leading `breaker` is tolerated).
 * @example
 * ```ts
 * import { breakerMain } from '@bulwark/cli';
 * const code = await breakerMain(['open', 'edna', '--reason', 'INC-1234', '--yes']);
 * process.exitCode = code;
 * ```
 */
export async function breakerMain(argv: readonly string[], io: BreakerCliIo = {}): Promise<number> {
  const { runBreaker } = await import('./main.js');
  return runBreaker(argv, io);
}
