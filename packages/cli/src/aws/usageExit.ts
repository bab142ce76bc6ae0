// How every operations command (`breaker`, `dlq`, `events`) answers a wrong command line: the message, then
// the usage of the command it was about (or of the whole group), on stderr, and exit code 2.
import { terminalText } from '../breaker/terminalText.js';
import { CommandUsageError } from '../parseCommandArgs.js';

/** Prints usage errors of one command group. */
export interface UsageExit<C extends string> {
  /** Prints `message` and the usage of `command` (or of the group); returns 2. */
  fail(message: string, command?: C): number;
  /** A usage error (or a TypeError from parsing) as {@link fail}; anything else is rethrown. */
  caught(error: unknown): number;
}

/**
 * The usage-error printer of `bulwark <group>`.
 * @example
 * const usage = usageExit('dlq', DLQ_USAGE, DLQ_COMMAND_USAGE, stderr);
 * return usage.fail('no AWS region: pass --region <region>', 'status'); // 2
 */
export function usageExit<C extends string>(
  group: string,
  usage: string,
  commandUsage: Readonly<Record<C, string>>,
  stderr: (text: string) => void,
): UsageExit<C> {
  const fail = (message: string, command?: C): number => {
    stderr(
      `bulwark ${group}: ${terminalText(message)}\n\n${command === undefined ? usage : commandUsage[command]}\n`,
    );
    return 2;
  };
  return {
    fail,
    caught(error) {
      if (error instanceof CommandUsageError) return fail(error.message, error.command as C | undefined);
      if (error instanceof TypeError) return fail(error.message);
      throw error;
    },
  };
}
