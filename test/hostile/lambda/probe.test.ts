// Item 7: the probe. Any value a health check throws, or a check that never settles, affects only that
// dependency; text a dependency controls is bounded and stripped of control characters before it is written.

import { SSMClient } from '@aws-sdk/client-ssm';
import { breakerProbeHandler, type HealthCheck } from '@bulwark/lambda';
import { LOCAL_CREDENTIALS, lambdaContext, ssmEmulator, useMswServer } from '@bulwark/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { StreamLogger } from './support/StreamLogger.js';

const ssm = ssmEmulator();
useMswServer(...ssm.handlers);
beforeEach(() => ssm.reset());

const client = () => new SSMClient({ region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
/** One check per invocation, and one failure opens: each test's verdict comes from a single check. */
const ONE_CHECK = { failureThreshold: 1, checksPerInvocation: 1, checkIntervalMs: 0 } as const;

function revoked(): unknown {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const THROWN: readonly (readonly [string, () => unknown])[] = [
  ['Object.create(null)', () => Object.create(null)],
  ['undefined', () => undefined],
  ['a Symbol', () => Symbol('x')],
  ['a revoked Proxy', revoked],
  [
    'an object whose toString throws',
    () => ({
      toString() {
        throw new Error('no');
      },
    }),
  ],
  [
    'an Error with a throwing message getter',
    () =>
      Object.defineProperty(new Error(), 'message', {
        get() {
          throw new Error('no');
        },
      }),
  ],
];

describe('one bad health check affects only its dependency (item 7)', () => {
  it.each(THROWN)(
    'a check that throws %s: the other dependency is still handled and logged',
    async (_label, make) => {
      // Prepare
      const logger = new StreamLogger();
      const thrown = make();
      const probe = breakerProbeHandler({
        dependencies: [
          {
            name: 'bad',
            check: async () => {
              throw thrown;
            },
          },
          { name: 'good', check: async () => true },
        ],
        ...ONE_CHECK,
        successThreshold: 1,
        timeoutMs: 200,
        client: client(),
        logger,
      });
      // Act
      const result = await probe(undefined, lambdaContext());
      // Assess
      expect(result.dependencies.map((d) => [d.dependency, d.wrote])).toEqual([
        ['bad', 'open'],
        ['good', 'closed'],
      ]);
      expect(logger.text).toContain('Breaker probe wrote open');
      expect(logger.text).toContain('Breaker probe wrote closed');
    },
  );

  it('a check that never settles (and ignores its signal) is a timeout of that dependency only', async () => {
    const never: HealthCheck = () => new Promise(() => undefined);
    const probe = breakerProbeHandler({
      dependencies: [
        { name: 'stuck', check: never },
        { name: 'good', check: async () => true },
      ],
      ...ONE_CHECK,
      successThreshold: 1,
      timeoutMs: 50,
      client: client(),
      logger: new StreamLogger(),
    });
    const result = await probe(undefined, lambdaContext());
    expect(result.dependencies.map((d) => [d.dependency, d.wrote])).toEqual([
      ['stuck', 'open'],
      ['good', 'closed'],
    ]);
  });
});

describe('text a dependency controls (item 7)', () => {
  it('is bounded and has no control characters in the result, the log and the SSM document', async () => {
    // Prepare
    const hostile = `\u001b[2J\u001b[Hedna closed\r\n${'x'.repeat(100_000)}`;
    const logger = new StreamLogger();
    const probe = breakerProbeHandler({
      dependencies: [
        {
          name: 'edna',
          check: async () => {
            throw new Error(hostile);
          },
        },
      ],
      ...ONE_CHECK,
      timeoutMs: 200,
      client: client(),
      logger,
    });
    // Act
    const result = await probe(undefined, lambdaContext());
    // Assess
    const detail = result.dependencies[0]?.checks[0]?.detail ?? '';
    const stored = JSON.parse(ssm.value('/bulwark/breakers/edna') ?? '{}') as { reason: string };
    for (const text of [detail, stored.reason]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
      expect(text).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(text.length).toBeLessThanOrEqual(1_000);
    }
    expect(logger.text.length).toBeLessThan(10_000);
  });
});
