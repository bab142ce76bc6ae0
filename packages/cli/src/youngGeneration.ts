// The scan allocates a short-lived tree per file. Node 24 lets V8's young generation grow to 64 MB
// semi-spaces, and scavenging that much space (and the cache misses of touching it) cost more CPU than
// the extra collections of a 16 MB one: on a 1,100-file application the scan took 10-13 % less CPU, and
// a third less peak memory, with `--max-semi-space-size=16`. V8 reads the size only when it builds the
// heap (`v8.setFlagsFromString` afterwards changes nothing), so `bulwark scan` runs itself once more with
// the flag, unless the flag was given already; the first process only waits and passes on the outcome.

/** The flag the scan runs under (see above); also a marker that it already does. */
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=16';

/**
 * Should this process run the scan as it is: a young generation size chosen already, or a debugger asked
 * for (`--inspect*` must attach to the process that scans, and a child would find the port taken), on the
 * command line or in NODE_OPTIONS?
 */
function runsAsIs(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const asked = (flag: string) =>
    execArgv.some((a) => a.startsWith(flag)) || (nodeOptions ?? '').includes(flag);
  return asked('--max-semi-space-size') || asked('--inspect');
}

/** The signals a terminal or a CI runner ends a command with: passed on so the scan does not outlive us. */
const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `bin` again in a child Node with {@link YOUNG_GENERATION_FLAG} when the command is `scan` and no
 * size or debugger was asked for, and resolves to the exit code to end with; undefined when this process
 * should run the command itself (another command, a size or debugger asked for, or a child that could not
 * start). A SIGINT, SIGTERM or SIGHUP sent to this process is passed on to the child, so a runner that
 * kills only the process it started does not leave a scan running.
 *
 * @example
 * const code = await rerunWithYoungGeneration(fileURLToPath(import.meta.url), process.argv.slice(2));
 * if (code !== undefined) process.exit(code);
 */
export async function rerunWithYoungGeneration(
  bin: string,
  args: readonly string[],
): Promise<number | undefined> {
  if (args[0] !== 'scan' || runsAsIs(process.execArgv, process.env.NODE_OPTIONS)) return undefined;
  // Loaded here, not at the top: the child that scans imports this module too, and loading
  // child_process there (some 15 ms of CPU) buys nothing.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...process.execArgv, YOUNG_GENERATION_FLAG, bin, ...args], {
    stdio: 'inherit',
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const s of FORWARDED) process.on(s, forward);
  try {
    const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined>(
      (settle) => {
        child.once('error', () => settle(undefined));
        child.once('exit', (code, signal) => settle({ code, signal }));
      },
    );
    if (outcome === undefined) return undefined;
    // Killed by a signal (Ctrl-C, a CI timeout): end the same way, so the caller sees what happened.
    if (outcome.signal !== null) {
      for (const s of FORWARDED) process.off(s, forward);
      process.kill(process.pid, outcome.signal);
      return 128;
    }
    return outcome.code ?? 1;
  } finally {
    for (const s of FORWARDED) process.off(s, forward);
  }
}
