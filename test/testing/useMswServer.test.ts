// useMswServer in the situations a unit test cannot show from inside: beside a real local server,
// failing a test whose script went wrong (in a child vitest), and the kit without vitest at all.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FaultServer, faults, startFaultServer, useMswServer } from '@bulwark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };

const server = useMswServer();
let local: FaultServer;

beforeAll(async () => {
  local = await startFaultServer(() => ({ status: 200, body: 'real socket' }));
});

afterAll(async () => {
  await local.close();
});

describe('useMswServer beside real local servers', () => {
  it('passes loopback through to the real server while intercepting other hosts', async () => {
    // Prepare
    const edna = faults.status('https://edna.test/*', 503);
    server.use(edna);

    // Act
    const fromSocket = await fetch(`${local.url}/ping`);
    const fromMsw = await fetch('https://edna.test/orders');

    // Assess
    expect(await fromSocket.text()).toBe('real socket');
    expect(local.hits).toBe(1);
    expect(fromMsw.status).toBe(503);
  });

  it('has reset the previous test handlers', async () => {
    // Act: no handler now, so the strategy fails the request and reports it.
    const response = await fetch('https://edna.test/orders');
    const { takeScriptErrors } = await import('@bulwark/testing');

    // Assess
    expect(response.status).toBe(500);
    expect(takeScriptErrors([server])).toEqual(['unhandled request: GET https://edna.test/orders']);
  });
});

describe('a test whose requests or script went wrong fails', () => {
  it('fails in afterEach, naming the mistake, even when the code swallowed the 500', async () => {
    // Prepare
    const report = join(tmpdir(), `bulwark-mistakes-${process.pid}.json`);

    // Act
    await run(
      'vitest',
      [
        'run',
        '--config',
        'test/testing/fixtures/vitest.fixture.config.ts',
        '--reporter=json',
        `--outputFile=${report}`,
      ],
      { cwd: root, env },
    ).catch((error: unknown) => error);
    const results = JSON.parse(await readFile(report, 'utf8')) as {
      testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
    };

    // Assess
    const byTitle = Object.fromEntries(
      results.testResults[0]!.assertionResults.map((test) => [
        test.title,
        { status: test.status, message: test.failureMessages.join('\n') },
      ]),
    );
    expect(byTitle['a sequence that runs out']?.status).toBe('failed');
    expect(byTitle['a sequence that runs out']?.message).toContain(
      'faults.sequence(https://edna.test/orders) ran out: request #2 (GET https://edna.test/orders) but the sequence has only 1 step',
    );
    expect(byTitle['an unhandled request']?.message).toContain(
      'unhandled request: GET https://nowhere.test/x',
    );
    expect(byTitle['an SSM operation the emulator does not know']?.message).toContain(
      'ssmEmulator does not emulate AmazonSSM.LabelParameterVersion',
    );
    expect(byTitle['a clean test']?.status).toBe('passed');
  }, 30_000);
});

describe('without vitest', () => {
  const node = (script: string) =>
    run(
      'node',
      [
        '--conditions=@bulwark/source',
        '--import',
        'tsx',
        '--import',
        './test/testing/fixtures/blockVitest.mjs',
        script,
      ],
      { cwd: root, env },
    );

  it('the blocker really blocks vitest', async () => {
    const error = (await node('test/testing/fixtures/importsVitest.mjs').catch(
      (failure: unknown) => failure,
    )) as {
      stderr?: string;
    };
    expect(error.stderr).toContain('vitest was loaded: vitest');
  }, 30_000);

  it('imports and runs the kit (startMswServer, faults, builders); only useMswServer asks for vitest', async () => {
    // Act
    const { stdout } = await node('test/testing/fixtures/withoutVitest.mjs');

    // Assess
    expect(JSON.parse(stdout)).toEqual({
      status: 503,
      useMswServer:
        'useMswServer needs vitest (an optional peer dependency of @bulwark/testing); under another runner use startMswServer()',
      context: 'bulwark-test-function',
    });
  }, 30_000);
});
