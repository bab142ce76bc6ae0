// ssmBreakerState's log lines and counters when the real SDK and Powertools read the SSM emulator: SSM's
// own error names reach the log (not Powertools' wrapper), a missing parameter is no opinion (no warning),
// a document SSM holds for another dependency is refused. Only Date is faked.
import { ssmBreakerState } from '@bulwark/policies';
import { ssmEmulator, useMswServer } from '@bulwark/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { breakerDoc, recordingLogger, ssmClient } from '../../shared-state/support.js';

const ssm = ssmEmulator();
useMswServer(...ssm.handlers);
const NAME = '/bulwark/breakers/edna';

beforeEach(() => {
  ssm.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T10:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

function make(dependency?: string) {
  const logger = recordingLogger();
  const metrics: unknown[][] = [];
  const state = ssmBreakerState({
    parameterName: NAME,
    client: ssmClient(),
    logger,
    metrics: { addMetric: (...args: unknown[]) => void metrics.push(args) },
    ...(dependency === undefined ? {} : { dependency }),
  });
  return { state, logger, metrics };
}

describe('ssmBreakerState over the SDK', () => {
  it("logs SSM's throttling by its own name, under Powertools' GetParameterError", async () => {
    // Prepare
    ssm.throttleNext(1);

    // Act
    const { state, logger, metrics } = make();
    await state.ready();

    // Assess
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'Shared breaker state could not be read; the local breaker decides',
        attributes: {
          parameterName: NAME,
          error: 'ThrottlingException: Rate exceeded',
          consecutiveFailures: 1,
          keeping: 'nothing',
          nextAttemptInMs: 5_000,
        },
      },
    ]);
    expect(metrics).toEqual([['SharedStateReadFailure', 'Count', 1]]);
  });

  it('takes a missing parameter for no opinion: no warning, no metric', async () => {
    // Act
    const { state, logger, metrics } = make();
    await state.ready();

    // Assess
    expect(state.current()).toBeUndefined();
    expect(state.stats()).toMatchObject({ reads: 1, notFound: 1, successes: 0, failures: 0 });
    expect([logger.lines, metrics]).toEqual([[], []]);
  });

  it('refuses the document of another dependency, naming both, and counts it', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('payments', 'forced-open'));

    // Act
    const { state, logger, metrics } = make('edna');
    await state.ready();

    // Assess
    expect(state.current()).toBeUndefined();
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'Shared breaker state document refused; it is ignored',
        attributes: {
          parameterName: NAME,
          problem: 'invalid',
          detail: '"dependency" is "payments", expected "edna" (a document for another dependency)',
          keeping: 'nothing',
        },
      },
    ]);
    expect(metrics).toEqual([['SharedStateInvalidDocument', 'Count', 1]]);
  });
});
