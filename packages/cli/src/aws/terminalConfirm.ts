// The y/N question an operations command asks before it changes something, and its refusal to ask where no
// person can answer (a CI job, a pipe): there the operator passes --yes, and the command exits 2.
import { createInterface } from 'node:readline/promises';

/** Thrown when a confirmation is needed and stdin is not a terminal (the command exits 2). */
export class NotInteractiveError extends Error {
  override name = 'NotInteractiveError' as const;
}

/**
 * Asks `question` on stderr and reads the answer from a terminal; resolves true for y/yes.
 * @example
 * if (!(await terminalConfirm('Move 12 messages? [y/N] '))) return 1;
 */
export async function terminalConfirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new NotInteractiveError('stdin is not a terminal: pass --yes to go on without confirmation');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
