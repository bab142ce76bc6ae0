// How the `bulwark` process turns a command's promise into its exit code. Until the promise settles the exit
// code is a failure: a process whose event loop drains first (a promise nothing will ever settle) must never
// look like a success to the shell or the CI job that ran it.

import { redactText } from '@bulwark/errors';

/** The exit code of a process that ended before its command settled. */
export const UNSETTLED_EXIT_CODE = 1;
/** The exit code of a command that threw (EX_SOFTWARE). */
export const CRASHED_EXIT_CODE = 70;

/**
 * Sets `process.exitCode` from `run` once it settles; before that, and if it never does, the code is
 * {@link UNSETTLED_EXIT_CODE} and the process says on stderr that it ended before the command finished.
 * @example
 * exitWhenSettled(main(process.argv.slice(2)));
 */
export function exitWhenSettled(run: Promise<number>): void {
  let settled = false;
  process.exitCode = UNSETTLED_EXIT_CODE;
  const onExit = () => {
    if (!settled) {
      process.stderr.write(
        `bulwark: the process ended before the command finished (nothing left to wait for); exit ${UNSETTLED_EXIT_CODE}\n`,
      );
      process.exitCode = UNSETTLED_EXIT_CODE;
    }
  };
  process.once('exit', onExit);
  run.then(
    (code) => {
      settled = true;
      process.exitCode = code;
    },
    (error: unknown) => {
      settled = true;
      process.stderr.write(
        `bulwark: ${redactText(error instanceof Error ? (error.stack ?? error.message) : String(error), 8_000, { multiline: true })}\n`,
      );
      process.exitCode = CRASHED_EXIT_CODE;
    },
  );
}
