// Item 10: a refusal's retry hint is sane both ways: never centuries (retryAt in year 9999,
// retryAfterMs: 1e308) and never "at once" during an outage (forced-open, or an open document whose
// retryAt has passed because the probe stopped moving it). Always within [1 s, 120 s].
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import {
  classify,
  DependencyDownError,
  isDependencyDownError,
  MAX_RETRY_AFTER_MS,
  TransientError,
} from '@bulwark/errors';
import { ssmBreakerState, wrapDependency } from '@bulwark/policies';
import { ssmEmulator, useMswServer } from '@bulwark/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { breakerDoc, recordingLogger, ssmClient } from '../../shared-state/support.js';

const ssm = ssmEmulator();
useMswServer(...ssm.handlers);
const NAME = '/bulwark/breakers/edna';

beforeEach(() => ssm.reset());

async function refusalFor(document: string, retryHintMs?: number): Promise<DependencyDownError> {
  ssm.put(NAME, document);
  const edna = wrapDependency('edna', {
    sharedState: ssmBreakerState({
      parameterName: NAME,
      client: ssmClient(),
      logger: recordingLogger(),
      ...(retryHintMs === undefined ? {} : { retryHintMs }),
    }),
    logger: false,
  });
  const error = await edna
    .execute(() => 'went through')
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(isDependencyDownError(error)).toBe(true);
  return error as DependencyDownError;
}

function withoutRetryAt(text: string): string {
  const { retryAt: _dropped, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return JSON.stringify(rest);
}

const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();
const ahead = (ms: number): string => new Date(Date.now() + ms).toISOString();

describe('fleet refusal hints (issue 10, item 10)', () => {
  it('clamps retryAt in year 9999 to 120 s', async () => {
    const error = await refusalFor(breakerDoc('edna', 'open', { retryAt: '9999-12-31T23:59:59.000Z' }));
    expect(error.retryAfterMs).toBe(MAX_RETRY_AFTER_MS);
  });

  it('keeps a sane retryAt as it is (within a second)', async () => {
    const error = await refusalFor(breakerDoc('edna', 'open', { retryAt: ahead(20_000) }));
    expect(error.retryAfterMs).toBeGreaterThan(18_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(20_000);
  });

  it.each([
    ['a forced-open document', breakerDoc('edna', 'forced-open')],
    ['an open document whose retryAt has passed', breakerDoc('edna', 'open', { retryAt: ago(3_600_000) })],
    ['an open document without retryAt', withoutRetryAt(breakerDoc('edna', 'open'))],
  ])('gives %s the default hint (30 s), never 0', async (_label, document) => {
    const error = await refusalFor(document);
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('gives a forced-open document the hint configured on the state', async () => {
    const error = await refusalFor(breakerDoc('edna', 'forced-open'), 45_000);
    expect(error.retryAfterMs).toBe(45_000);
  });

  it.each([0, 999, 120_001, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '30000'])(
    'refuses retryHintMs %s at construction, naming the field and the range',
    (value) => {
      expect(() =>
        ssmBreakerState({ parameterName: NAME, provider: new SSMProvider(), retryHintMs: value as number }),
      ).toThrow(/retryHintMs.*1000.*120000/);
    },
  );
});

describe('errors carry a clamped hint (issue 10, item 10)', () => {
  it.each([1e308, Number.POSITIVE_INFINITY, 251_606_050_352_000])(
    'clamps retryAfterMs %s on a DependencyDownError to 120 s',
    (ms) => {
      const error = new DependencyDownError('edna: down', { dependency: 'edna', retryAfterMs: ms });
      expect(error.retryAfterMs).toBe(MAX_RETRY_AFTER_MS);
      expect(classify(error).retryAfterMs).toBe(MAX_RETRY_AFTER_MS);
    },
  );

  it('clamps retryAfterMs 1e308 on a TransientError to 120 s', () => {
    expect(new TransientError('x', { retryAfterMs: 1e308 }).retryAfterMs).toBe(MAX_RETRY_AFTER_MS);
  });

  it('drops a retryAfterMs of NaN, and reads a negative one as 0 (a time already past)', () => {
    expect(new TransientError('x', { retryAfterMs: Number.NaN }).retryAfterMs).toBeUndefined();
    expect(new TransientError('x', { retryAfterMs: -5 }).retryAfterMs).toBe(0);
  });
});
