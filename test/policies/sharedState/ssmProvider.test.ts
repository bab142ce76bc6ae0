// Which provider ssmBreakerState reads through: a factory's product, a factory's garbage (a failed read,
// never a throw), and, when given neither provider nor client, Powertools over a shared SDK client that
// makes one attempt per read and gives up a hanging request (the state's own backoff is the retry).
// The real SDK and Powertools read the SSM emulator; region and credentials come from the environment,
// as in Lambda.
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { ssmBreakerState } from '@bulwark/policies';
import { LOCAL_CREDENTIALS, ssmEmulator, useMswServer } from '@bulwark/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { breakerDoc, eventually, recordingLogger, ssmClient } from '../../shared-state/support.js';

const ssm = ssmEmulator();
useMswServer(...ssm.handlers);
const NAME = '/bulwark/breakers/edna';

beforeEach(() => {
  ssm.reset();
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', LOCAL_CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', LOCAL_CREDENTIALS.secretAccessKey);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('ssmBreakerState provider factory', () => {
  it("reads through the factory's product, built once", async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'forced-open'));
    let built = 0;
    const provider = () => {
      built++;
      return new SSMProvider({ awsSdkV3Client: ssmClient() });
    };

    // Act
    const state = ssmBreakerState({ parameterName: NAME, provider, logger: recordingLogger() });
    await state.ready();

    // Assess
    expect(state.current()?.state).toBe('forced-open');
    expect(built).toBe(1);
    expect(state.stats()).toMatchObject({ reads: 1, successes: 1, failures: 0 });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an object without get()', { send: () => undefined }],
  ])(
    'counts a factory answering %s as a failed read, with the reason in the log',
    async (_label, product) => {
      // Prepare
      const logger = recordingLogger();

      // Act
      const state = ssmBreakerState({ parameterName: NAME, provider: () => product as never, logger });
      await state.ready();

      // Assess
      expect(state.current()).toBeUndefined();
      expect(state.stats()).toMatchObject({ reads: 1, failures: 1, successes: 0 });
      expect(logger.lines[0]?.attributes.error).toBe(
        'TypeError: ssmBreakerState: the provider function returned no provider (nothing with get())',
      );
      expect(ssm.calls.GetParameter).toBe(0);
    },
  );
});

describe('ssmBreakerState default client', () => {
  // First: the shared client is built once per process, by the first test that needs it, and per-test
  // coverage credits that test alone with the client's settings.
  it('gives up a connection SSM never answers after 1 s, as an SDK TimeoutError', async () => {
    // Prepare: the state's own bound (refreshTimeoutMs) is later than the client's; msw holds a hanging
    // request before its socket connects (the 2 s requestTimeout is in defaultClient.timeout.test.ts)
    ssm.hangNext(1);
    const logger = recordingLogger();

    // Act
    const state = ssmBreakerState({
      parameterName: NAME,
      readTimeoutMs: 100,
      refreshTimeoutMs: 6_000,
      logger,
    });

    // Assess
    await eventually(() => expect(state.stats().failures).toBe(1), 5_000);
    expect(state.stats().timeouts).toBe(0);
    expect(logger.lines[0]?.attributes.error).toMatch(
      /^TimeoutError: .* within the configured timeout of 1000 ms/,
    );
    expect(ssm.pending).toBe(0);
  }, 10_000);

  it('makes one attempt per read: a throttled read is a failure at once, not three requests', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'open'));
    ssm.throttleNext(3);
    const logger = recordingLogger();

    // Act
    const state = ssmBreakerState({ parameterName: NAME, logger });
    await state.ready();

    // Assess
    expect(ssm.calls.GetParameter).toBe(1);
    expect(state.stats()).toMatchObject({ reads: 1, failures: 1 });
    expect(logger.lines[0]?.attributes.error).toMatch(/^ThrottlingException: /);
  });

  it('reads the document through Powertools on that client', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'open'));

    // Act
    const state = ssmBreakerState({ parameterName: NAME, logger: recordingLogger() });
    await state.ready();

    // Assess
    expect(state.current()?.state).toBe('open');
  });
});
