// `bulwark breaker` as a real process (bin.ts through tsx): exit codes and messages as a shell sees them.
// No SSM is reachable from the child (no network here), so only paths that need none, or that fail before
// sending, are run; the SSM paths are tested in-process against the emulator (breakerCli.test.ts).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const bin = join(root, 'packages', 'cli', 'src', 'bin.ts');

function bulwark(args: string[], env: Record<string, string> = {}) {
  const out = spawnSync(tsx, ['--conditions=@bulwark/source', bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 20_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: '/nonexistent',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      ...env,
    },
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe('bulwark breaker (real process)', () => {
  it('--help prints the usage and exits 0', () => {
    const { code, stdout } = bulwark(['breaker', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/bulwark breaker status \[<dependency>\]/);
  }, 30_000);

  it('a usage error exits 2 and says what was wrong', () => {
    const { code, stderr } = bulwark(['breaker', 'open', 'edna']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/"open" needs --reason/);
  }, 30_000);

  it('no credentials exits 1 with a clear message, before anything is written', () => {
    const { code, stderr } = bulwark(['breaker', 'status', 'edna'], { AWS_REGION: 'us-east-1' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/bulwark breaker: no AWS credentials for read/);
  }, 30_000);
});
