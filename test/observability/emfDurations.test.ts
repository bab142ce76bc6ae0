// The call duration reaches CloudWatch as EMF through the real Powertools Metrics: one
// DependencyCallDuration (Milliseconds) per call, dimensions dependency and outcome.

import { Metrics } from '@aws-lambda-powertools/metrics';
import { TransientError } from '@bulwark/errors';
import { CALL_DURATION_METRIC, wrapDependency } from '@bulwark/policies';
import { afterEach, describe, expect, it, vi } from 'vitest';

type Emf = Record<string, unknown> & {
  _aws: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
};

/** The EMF documents Powertools writes to stdout while `fn` runs. */
async function emf(fn: () => Promise<unknown>): Promise<Emf[]> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return chunks
    .join('')
    .split('\n')
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
}

const durations = (docs: Emf[]) =>
  docs
    .filter((d) => d._aws.CloudWatchMetrics[0]!.Metrics.some((m) => m.Name === CALL_DURATION_METRIC))
    .map((d) => ({
      unit: d._aws.CloudWatchMetrics[0]!.Metrics[0]!.Unit,
      dimensions: d._aws.CloudWatchMetrics[0]!.Dimensions[0]!.slice().sort(),
      dependency: d.dependency,
      outcome: d.outcome,
      ms: d[CALL_DURATION_METRIC],
    }));

afterEach(() => vi.restoreAllMocks());

describe('EMF call durations', () => {
  it('a call that retries twice and succeeds: one duration, outcome success, covering the retries', async () => {
    // Arrange
    const metrics = new Metrics({ namespace: 'orders', serviceName: 'orders' });
    const edna = wrapDependency('edna', {
      logger: false,
      metrics,
      retry: { maxAttempts: 3, backoff: { initialDelayMs: 5, maxDelayMs: 5, jitter: 'none' } },
    });
    let calls = 0;

    // Act
    const docs = await emf(() =>
      edna.execute(async () => {
        if (++calls <= 2) throw new TransientError('edna answered 503', { status: 503 });
        return 'ok';
      }),
    );

    // Assess
    const [one, ...rest] = durations(docs);
    expect(rest).toEqual([]);
    expect(one).toMatchObject({
      unit: 'Milliseconds',
      dimensions: ['dependency', 'outcome', 'service'],
      dependency: 'edna',
      outcome: 'success',
    });
    expect(one!.ms).toBeGreaterThanOrEqual(9);
  });

  it('a failure and a refusal by the open circuit carry outcome failure and refused', async () => {
    // Arrange
    const metrics = new Metrics({ namespace: 'orders', serviceName: 'orders' });
    const edna = wrapDependency('edna', {
      logger: false,
      metrics,
      retry: false,
      breaker: { kind: 'consecutive', threshold: 1, halfOpenAfterMs: 60_000 },
    });
    const failing = () =>
      edna.execute(async () => {
        throw new TransientError('edna answered 503', { status: 503 });
      });

    // Act
    const docs = await emf(async () => {
      await failing().catch(() => undefined);
      await failing().catch(() => undefined);
    });

    // Assess
    expect(durations(docs).map((d) => [d.dependency, d.outcome])).toEqual([
      ['edna', 'failure'],
      ['edna', 'refused'],
    ]);
  });

  it('a call the fallback answered is outcome fallback, a refused one too; a fallback that throws is failure', async () => {
    // Arrange
    const metrics = new Metrics({ namespace: 'orders', serviceName: 'orders' });
    const edna = wrapDependency('edna', {
      logger: false,
      metrics,
      retry: false,
      breaker: { kind: 'consecutive', threshold: 1, halfOpenAfterMs: 60_000 },
      fallback: () => 'cached',
    });
    const failing = (options?: { fallback: () => never }) =>
      edna.execute(async () => {
        throw new TransientError('edna answered 503', { status: 503 });
      }, options);

    // Act
    const docs = await emf(async () => {
      await failing(); // fails, the fallback answers
      await failing(); // refused by the open circuit, the fallback answers
      await failing({
        fallback: () => {
          throw new Error('no cache');
        },
      }).catch(() => undefined);
    });

    // Assess
    expect(durations(docs).map((d) => [d.dependency, d.outcome])).toEqual([
      ['edna', 'fallback'],
      ['edna', 'fallback'],
      ['edna', 'failure'],
    ]);
  });
});
