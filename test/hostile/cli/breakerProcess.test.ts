// `bulwark breaker` as an operator's shell sees it, against hostile endpoints: a real socket server that accepts
// the connection and never answers, no region, a command whose promise never settles.
import { join } from 'node:path';
import { type FaultServer, startFaultServer } from '@bulwark/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { runBulwark, runTsx } from './runBulwark.js';

const FAKE_AWS = {
  AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
  AWS_SECRET_ACCESS_KEY: 'local-secret',
  AWS_REGION: 'us-east-1',
};

describe('bulwark breaker against an SSM endpoint that never answers', () => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each([
    ['open', ['breaker', 'open', 'edna', '--reason', 'INC-1', '--yes']],
    ['status', ['breaker', 'status']],
  ])(
    '%s exits 1 with a timeout message instead of hanging',
    async (_label, argv) => {
      // Prepare: a real socket that reads the request and never writes a byte
      server = await startFaultServer(() => 'hang');

      // Act: the SDK's own retries are left at one attempt so the default timeout is measured once
      const result = await runBulwark([...argv, '--timeout', '1'], {
        ...FAKE_AWS,
        AWS_ENDPOINT_URL_SSM: server.url,
        AWS_MAX_ATTEMPTS: '1',
      });

      // Assess
      expect(
        result.code,
        `exit ${result.code} after ${Math.round(result.ms)} ms (null: killed, it hung)`,
      ).toBe(1);
      expect(result.stderr).toMatch(/SSM did not answer .* within 1 s/);
      expect(result.stderr).toMatch(/--timeout/);
      expect(server.hits).toBeGreaterThanOrEqual(1);
    },
    40_000,
  );

  it('without --timeout, the default timeout still ends a hung request', async () => {
    server = await startFaultServer(() => 'hang');

    const result = await runBulwark(['breaker', 'status', 'edna'], {
      ...FAKE_AWS,
      AWS_ENDPOINT_URL_SSM: server.url,
      AWS_MAX_ATTEMPTS: '1',
    });

    expect(result.code, `exit ${result.code} after ${Math.round(result.ms)} ms (null: killed, it hung)`).toBe(
      1,
    );
    expect(result.stderr).toMatch(/SSM did not answer/);
  }, 40_000);
});

describe('bulwark breaker without a region', () => {
  it('says how to give one (exit 2), before any request', async () => {
    const { AWS_REGION: _none, ...noRegion } = FAKE_AWS;

    const result = await runBulwark(['breaker', 'status', 'edna'], noRegion);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no AWS region/);
    expect(result.stderr).toMatch(/--region/);
    expect(result.stderr).toMatch(/AWS_REGION/);
  }, 40_000);
});

describe('the bulwark process never exits 0 without a settled result', () => {
  it('a command whose promise never settles exits non-zero and says so', async () => {
    // Prepare: the bin's exit handling given a command that never settles while the event loop drains
    const module = join(
      import.meta.dirname,
      '..',
      '..',
      '..',
      'packages',
      'cli',
      'src',
      'exitWhenSettled.ts',
    );
    const code = `const { exitWhenSettled } = await import(${JSON.stringify(module)}); exitWhenSettled(new Promise(() => {}));`;

    // Act
    const result = await runTsx(['--input-type=module', '-e', code]);

    // Assess
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toMatch(/ended before the command finished/);
  }, 40_000);
});
