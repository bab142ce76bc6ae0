// A refusal of an operations command that depends on what it found (no source queue, several sources without
// --to, an archive of another bus, a task already running), not on AWS failing, and how every command reports
// it: the message, and the exit code it carries (2 adds a pointer to the command's --help).
import { terminalText } from '../breaker/terminalText.js';
import { NotInteractiveError } from './terminalConfirm.js';

/**
 * Thrown by a command to exit with `code` and print `message`; each group subclasses it with its own name.
 * @example
 * throw new CommandRefused('a move task is already running on orders-dlq', 1);
 */
export class CommandRefused extends Error {
  override name: string = 'CommandRefused';
  readonly code: 1 | 2;
  constructor(message: string, code: 1 | 2) {
    super(message);
    this.code = code;
  }
}

/**
 * Prints a refusal (or a confirmation no terminal can answer) as `bulwark <group>: ...` and returns its exit code;
 * undefined for any other error, which the caller describes.
 * @example
 * const code = refusalExitCode(error, 'dlq', 'redrive', stderr);
 * if (code !== undefined) return code;
 */
export function refusalExitCode(
  error: unknown,
  group: string,
  command: string,
  stderr: (text: string) => void,
): number | undefined {
  if (error instanceof CommandRefused) {
    const help = error.code === 2 ? ` (bulwark ${group} ${command} --help)` : '';
    stderr(`bulwark ${group}: ${terminalText(error.message)}${help}\n`);
    return error.code;
  }
  if (error instanceof NotInteractiveError) {
    stderr(`bulwark ${group}: ${error.message}\n`);
    return 2;
  }
  return undefined;
}
