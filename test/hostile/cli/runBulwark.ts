// Runs the real `bulwark` binary (bin.ts through tsx) as a child process, asynchronously: the child may talk to a
// server living in the test process, which a spawnSync would starve.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
export const BIN = join(root, 'packages', 'cli', 'src', 'bin.ts');

export interface ProcessResult {
  /** The exit code, or null when the child was killed (it hung past `killAfterMs`). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** An environment with no AWS configuration of the machine, no network credentials, no home directory. */
export const BARE_ENV: Readonly<Record<string, string>> = {
  PATH: process.env.PATH ?? '',
  HOME: '/nonexistent',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
};

/** Runs `tsx <args>` (a script or `-e` code) from the repository root with the source export condition. */
export function runTsx(
  args: readonly string[],
  env: Record<string, string> = {},
  killAfterMs = 25_000,
): Promise<ProcessResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      tsx,
      ['--conditions=@bulwark/source', ...args],
      { cwd: root, encoding: 'utf8', timeout: killAfterMs, env: { ...BARE_ENV, ...env } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' && !error.killed ? error.code : null;
        resolve({ code, stdout, stderr, ms: performance.now() - started });
      },
    );
  });
}

/** Runs `bulwark <args>` as a real process. */
export function runBulwark(
  args: readonly string[],
  env: Record<string, string> = {},
  killAfterMs = 25_000,
): Promise<ProcessResult> {
  return runTsx([BIN, ...args], env, killAfterMs);
}
