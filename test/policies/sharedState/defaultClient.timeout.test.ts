// The shared default SSM client's request bound, on a real socket: SSM's endpoint (AWS_ENDPOINT_URL_SSM, as
// the SDK reads it) accepts the connection and never answers. The client must throw at its 2 s
// requestTimeout (a TimeoutError the state reports as a failure), not merely warn and leave the read to
// the state's own, later, refreshTimeoutMs. In a file of its own: the client is built once per process.
import { ssmBreakerState } from '@bulwark/policies';
import { type FaultServer, LOCAL_CREDENTIALS, startFaultServer } from '@bulwark/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventually, recordingLogger } from '../../shared-state/support.js';

let server: FaultServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

describe('ssmBreakerState default client on a real socket', () => {
  it('throws at its 2 s requestTimeout when SSM accepts and never answers', async () => {
    // Prepare
    server = await startFaultServer(['hang']);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', LOCAL_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', LOCAL_CREDENTIALS.secretAccessKey);
    vi.stubEnv('AWS_ENDPOINT_URL_SSM', server.url);
    const logger = recordingLogger();

    // Act
    const state = ssmBreakerState({
      parameterName: '/bulwark/breakers/edna',
      readTimeoutMs: 100,
      refreshTimeoutMs: 6_000,
      logger,
    });

    // Assess
    await eventually(() => expect(state.stats().failures).toBe(1), 5_000);
    expect(state.stats().timeouts).toBe(0);
    expect(logger.lines[0]?.attributes.error).toMatch(/^TimeoutError: .* 2000 ms requestTimeout/);
  }, 10_000);
});
