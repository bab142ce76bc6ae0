// Text SSM or a document controls, made safe for an operator's terminal: control characters escaped (no ANSI
// escape clears the screen, no CR/LF forges a row), secrets and query strings removed, length bounded.
import { redactText } from '@bulwark/errors';

/** Room for a 1024-character reason whose every character became a `\uXXXX` escape. */
const MAX_PRINTED_LENGTH = 6_200;

/** One value for one line of terminal output; `undefined` prints as `-`. */
export function terminalText(value: string | undefined): string {
  return value === undefined ? '-' : redactText(value, MAX_PRINTED_LENGTH);
}
