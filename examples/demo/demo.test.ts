// Keeps `npm run demo` true: runs it as a real process and checks the story it tells.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('npm run demo tells the whole story: retry, breaker, problem+json, batch failures, recovery', async () => {
  // Act
  const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  const { stdout } = await run(tsx, ['--conditions=@bulwark/source', 'src/main.ts'], {
    cwd: import.meta.dirname,
    timeout: 30_000,
  });
  // Assess
  expect(stdout).toContain('charge order-1: ok {"charged":true}');
  expect(stdout).toMatch(
    /charge order-3: dependency-down \(circuit-open\) -> our caller would see 503\n\s+\(0 request\(s\) reached payments/,
  );
  expect(stdout).toContain('"content-type":"application/problem+json"');
  expect(stdout).toContain(
    'batchItemFailures: {"batchItemFailures":[{"itemIdentifier":"m-1"},{"itemIdentifier":"m-2"},{"itemIdentifier":"m-3"}]}',
  );
  expect(stdout).toContain('charge order-8: ok');
  expect(stdout).not.toContain('"stack"');
}, 40_000);
