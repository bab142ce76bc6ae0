// `bulwark dlq` and `bulwark events` as an operator's shell sees them, against endpoints that accept the
// connection and never answer, and without a region: each ends with exit 1 (or 2) within its timeout.
import { type FaultServer, startFaultServer } from '@bulwark/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { runBulwark } from './runBulwark.js';

const FAKE_AWS = {
  AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
  AWS_SECRET_ACCESS_KEY: 'local-secret',
  AWS_REGION: 'us-east-1',
  AWS_MAX_ATTEMPTS: '1',
};
const RANGE = ['--from', '2026-11-23T10:00:00Z', '--to', '2026-11-23T11:00:00Z'];

describe('against an endpoint that never answers', () => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each([
    [
      'dlq status',
      ['dlq', 'status', 'orders-dlq'],
      'AWS_ENDPOINT_URL_SQS',
      /SQS did not answer GetQueueUrl on orders-dlq within 1 s/,
    ],
    [
      'dlq redrive --yes',
      ['dlq', 'redrive', 'orders-dlq', '--yes'],
      'AWS_ENDPOINT_URL_SQS',
      /SQS did not answer GetQueueUrl/,
    ],
    [
      'events replay --yes',
      ['events', 'replay', '--archive', 'orders', ...RANGE, '--yes'],
      'AWS_ENDPOINT_URL_EVENTBRIDGE',
      /EventBridge did not answer DescribeArchive on archive orders within 1 s/,
    ],
    [
      'events replay-status',
      ['events', 'replay-status', 'inc-42'],
      'AWS_ENDPOINT_URL_EVENTBRIDGE',
      /EventBridge did not answer DescribeReplay on replay inc-42 within 1 s/,
    ],
  ])(
    '%s exits 1 with a timeout message instead of hanging',
    async (_label, argv, endpointVariable, message) => {
      // Prepare: a real socket that reads the request and never writes a byte
      server = await startFaultServer(() => 'hang');

      // Act
      const result = await runBulwark([...argv, '--timeout', '1'], {
        ...FAKE_AWS,
        [endpointVariable]: server.url,
      });

      // Assess
      expect(
        result.code,
        `exit ${result.code} after ${Math.round(result.ms)} ms (null: killed, it hung)`,
      ).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/--timeout/);
      expect(server.hits).toBeGreaterThanOrEqual(1);
      expect(result.ms).toBeLessThan(15_000);
    },
    40_000,
  );

  it('without --timeout the default (5 s) still ends a hung request', async () => {
    server = await startFaultServer(() => 'hang');

    const result = await runBulwark(['dlq', 'status', 'orders-dlq'], {
      ...FAKE_AWS,
      AWS_ENDPOINT_URL_SQS: server.url,
    });

    expect(result.code, `exit ${result.code} after ${Math.round(result.ms)} ms (null: killed, it hung)`).toBe(
      1,
    );
    expect(result.stderr).toMatch(/within 5 s/);
  }, 40_000);
});

describe('without a region', () => {
  it.each([
    ['dlq', ['dlq', 'status', 'orders-dlq']],
    ['events', ['events', 'replay-status', 'inc-42']],
  ])(
    '%s says how to give one (exit 2), before any request',
    async (_label, argv) => {
      const { AWS_REGION: _none, ...noRegion } = FAKE_AWS;

      const result = await runBulwark(argv, noRegion);

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/no AWS region: pass --region <region>/);
    },
    40_000,
  );

  it('dlq takes the region from a queue URL, and sends the requests to the configured endpoint, not the URL host', async () => {
    const { AWS_REGION: _none, ...noRegion } = FAKE_AWS;
    const server = await startFaultServer(() => 'hang');
    try {
      const result = await runBulwark(
        ['dlq', 'status', 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders-dlq', '--timeout', '1'],
        // The SDK would send a QueueUrl request to the URL's host; the CLI keeps it on the endpoint override.
        { ...noRegion, AWS_ENDPOINT_URL_SQS: server.url },
      );

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/SQS did not answer GetQueueAttributes/);
      expect(server.hits).toBe(1);
    } finally {
      await server.close();
    }
  }, 40_000);
});
