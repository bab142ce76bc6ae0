// Runs a module as its own Node process (TypeScript sources through tsx), so what a test observes is
// what a user's process does: whether it stays alive, crashes, or exits 13 on an unsettled top-level await.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };

export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs `source` as an ES module from the repository root; never rejects. */
export function runModule(source: string, timeoutMs = 20_000): Promise<ChildResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      'node',
      ['--conditions=@bulwark/source', '--import', 'tsx', '--input-type=module', '--eval', source],
      { cwd: root, env, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout: String(stdout), stderr: String(stderr), ms: Date.now() - started });
      },
    );
  });
}
