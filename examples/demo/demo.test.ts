// Keeps `npm run demo` honest: runs it as a real process at the tiny size and checks the closing table
// against the results file, and both against what must hold (the hardened run loses nothing and charges
// nothing twice; the naive one does worse under the same fault script).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import type { RunResult } from './src/runScenario.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'bulwark-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('npm run demo: the hardened run loses nothing and charges nothing twice; the naive one does worse', async () => {
  // Act
  const out = join(dir, 'results.json');
  const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  const started = performance.now();
  const { stdout } = await run(
    tsx,
    ['--conditions=@bulwark/source', 'src/main.ts', '--size', 'tiny', '--seed', '3', '--out', out],
    { cwd: import.meta.dirname, timeout: 60_000 },
  );
  const seconds = (performance.now() - started) / 1_000;
  // Assess
  const results = JSON.parse(readFileSync(out, 'utf8')) as {
    seed: number;
    hardened: RunResult;
    naive: RunResult;
  };
  const { hardened, naive } = results;
  expect(results.seed).toBe(3);
  expect(hardened.messagesLost).toBe(0);
  expect(hardened.ordersChargedTwice).toBe(0);
  expect(hardened.ordersNeverCharged).toBe(0);
  expect(hardened.processed).toBe(hardened.sent);
  expect(naive.ordersChargedTwice).toBeGreaterThan(0);
  expect(naive.chargeRequestsWhileDown).toBeGreaterThan(hardened.chargeRequestsWhileDown);
  expect(naive.chargeRequests).toBeGreaterThan(hardened.chargeRequests);
  // The table printed is the file written.
  const row = (label: string) => stdout.split('\n').find((line) => line.startsWith(label));
  expect(row('messages lost (moved to the DLQ)')).toMatch(
    new RegExp(`\\s${hardened.messagesLost}\\s+${naive.messagesLost}$`),
  );
  expect(row('orders charged twice')).toMatch(new RegExp(`\\s0\\s+${naive.ordersChargedTwice}$`));
  expect(row('charge requests sent while payments was down')).toMatch(
    new RegExp(`\\s${hardened.chargeRequestsWhileDown}\\s+${naive.chargeRequestsWhileDown}$`),
  );
  expect(stdout).toContain(`results written to ${out}`);
  // Not a TTY here: plain lines, no cursor movement.
  expect(stdout).not.toContain('\x1b[');
  expect(seconds).toBeLessThan(60);
}, 90_000);

it('refuses a wrong argument with the usage and exit code 2', async () => {
  // Act
  const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  const failure = await run(tsx, ['--conditions=@bulwark/source', 'src/main.ts', '--seed', 'abc'], {
    cwd: import.meta.dirname,
  }).catch((error: { code: number; stderr: string }) => error);
  // Assess
  expect(failure).toMatchObject({ code: 2 });
  expect((failure as { stderr: string }).stderr).toContain(
    "--seed must be a whole number from 0 to 999999999, got 'abc'",
  );
}, 30_000);
