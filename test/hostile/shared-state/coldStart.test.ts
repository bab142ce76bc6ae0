// Item 8: a cold instance must not go through a fleet-wide open breaker. The first read starts when the
// state is created (module scope, Lambda's init), loading the SSM client does not count against
// readTimeoutMs, and `await edna.ready()` lets a handler wait for it at init.
// Real Powertools parameters and the real SSM client, answered by the SSM emulator (msw).
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { isDependencyDownError } from '@bulwark/errors';
import { ssmBreakerState, wrapDependency } from '@bulwark/policies';
import { describe, expect, it } from 'vitest';
import { breakerDoc, recordingLogger, ssmClient } from '../../shared-state/support.js';
import { delay, useEmulatedFleet } from './support.js';

const fleet = useEmulatedFleet();
const { ssm } = fleet;
const NAME = '/bulwark/breakers/edna';

/** A provider whose module load takes `ms`: what a 128 MB Lambda sees importing Powertools + the SDK. */
function slowProvider(ms: number): () => Promise<SSMProvider> {
  return async () => {
    await delay(ms);
    return new SSMProvider({ awsSdkV3Client: ssmClient() });
  };
}

describe('cold start (issue 10, item 8)', () => {
  it('starts the first read when the state is created, before any call or ready()', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'forced-open'));

    // Act: module scope only; nobody calls current() or ready()
    const state = ssmBreakerState({ parameterName: NAME, client: ssmClient(), logger: recordingLogger() });
    await delay(300);

    // Assess
    expect(ssm.calls.GetParameter).toBe(1);
    expect(state.stats().reads).toBe(1);
  });

  it('refuses the first call while the fleet says forced-open, however slow the SSM client is to load', async () => {
    // Prepare: loading takes twice readTimeoutMs
    ssm.put(NAME, breakerDoc('edna', 'forced-open'));
    const edna = wrapDependency('edna', {
      sharedState: ssmBreakerState({
        parameterName: NAME,
        provider: slowProvider(400),
        readTimeoutMs: 200,
        logger: recordingLogger(),
      }),
      logger: false,
    });

    // Act
    const outcome = await edna.fetch(`${fleet.dependency.url}/work`).then(
      () => 'went through',
      (error: unknown) => error,
    );

    // Assess: refused, and the dependency saw nothing
    expect(isDependencyDownError(outcome)).toBe(true);
    expect(fleet.dependency.total()).toBe(0);
  });

  it('offers `await edna.ready()` for top-level await: after it, state and the first call follow the fleet', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'open'));
    const edna = wrapDependency('edna', {
      sharedState: ssmBreakerState({ parameterName: NAME, provider: slowProvider(300), readTimeoutMs: 100 }),
      logger: false,
    });

    // Act
    await edna.ready();

    // Assess
    expect(edna.state).toBe('open');
    await expect(edna.fetch(`${fleet.dependency.url}/work`)).rejects.toSatisfy(isDependencyDownError);
    expect(fleet.dependency.total()).toBe(0);
  });

  it('keeps ready() bounded when the provider never loads: the local breaker decides', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'forced-open'));
    const logger = recordingLogger();
    const state = ssmBreakerState({
      parameterName: NAME,
      provider: () => new Promise<SSMProvider>(() => undefined),
      readTimeoutMs: 100,
      refreshTimeoutMs: 300,
      logger,
    });
    const started = performance.now();

    // Act
    await state.ready();

    // Assess: given up after refreshTimeoutMs (+ readTimeoutMs at most), reported as a timeout
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(state.current()).toBeUndefined();
    expect(state.stats().timeouts).toBe(1);
    expect(logger.lines.some((l) => l.level === 'warn')).toBe(true);
  });
});
