// The optional Powertools Metrics integration, with the real Metrics class (EMF written to its console).
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PermanentError, TransientError } from '@bulwark/errors';
import { lambdaContext, sqsEvent } from '@bulwark/testing';
import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { SQS_METRIC_NAMES, sqsHandler } from '../index.js';
import { emitMetrics, emptySummary } from './BatchSummary.js';

/** A real Metrics instance whose EMF blobs land in an array. */
function capturingMetrics(): { metrics: Metrics; blobs: Record<string, unknown>[] } {
  const blobs: Record<string, unknown>[] = [];
  const metrics = new Metrics({ namespace: 'bulwark-test', serviceName: 'orders' });
  Object.assign(metrics as unknown as { console: unknown }, {
    console: { log: (line: string) => blobs.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { metrics, blobs };
}

describe('sqsHandler metrics', () => {
  it('adds one Count per outcome and publishes after the batch', async () => {
    // Prepare
    const { metrics, blobs } = capturingMetrics();
    const handler = sqsHandler(
      (record) => {
        if (record.messageId === 't') throw new TransientError('503');
        if (record.messageId === 'p') throw new PermanentError('400');
      },
      { metrics, onPermanentFailure: 'acknowledge', logger: new CapturingLogger() },
    );
    // Act
    await handler(
      sqsEvent([{ messageId: 'a' }, { messageId: 'b' }, { messageId: 't' }, { messageId: 'p' }]),
      lambdaContext(),
    );
    // Assess
    expect(blobs).toHaveLength(1);
    expect(blobs[0]).toMatchObject({
      [SQS_METRIC_NAMES.succeeded]: 2,
      [SQS_METRIC_NAMES.failedTransient]: 1,
      [SQS_METRIC_NAMES.acknowledged]: 1,
    });
    expect(blobs[0]).not.toHaveProperty(SQS_METRIC_NAMES.failedPermanent);
  });

  it('leaves publishing to a logMetrics middleware with publishMetrics: false', async () => {
    // Prepare
    const { metrics, blobs } = capturingMetrics();
    const handler = sqsHandler(() => undefined, {
      metrics,
      publishMetrics: false,
      logger: new CapturingLogger(),
    });
    // Act
    await handler(sqsEvent([{}]), lambdaContext());
    // Assess
    expect(blobs).toHaveLength(0);
    metrics.publishStoredMetrics();
    expect(blobs[0]).toMatchObject({ [SQS_METRIC_NAMES.succeeded]: 1 });
  });

  it('emits every outcome under its documented name with its count', () => {
    // Prepare: a summary where every counter differs, so a count under the wrong name shows
    const { metrics, blobs } = capturingMetrics();
    const s = emptySummary(66, true);
    Object.assign(s, { succeeded: 1, duplicates: 2, acknowledged: 7, interrupted: 11 });
    s.failed = { transient: 3, 'dependency-down': 4, permanent: 5, cancelled: 6 };
    s.skipped = { deadline: 8, breakerOpen: 9, fifo: 10 };
    // Act
    emitMetrics(metrics, s, true);
    // Assess
    expect(blobs).toHaveLength(1);
    const { _aws, service, ...values } = blobs[0] as Record<string, unknown>;
    expect(values).toEqual({
      SqsRecordsSucceeded: 1,
      SqsRecordsDuplicate: 2,
      SqsRecordsFailedTransient: 3,
      SqsRecordsFailedDependencyDown: 4,
      SqsRecordsFailedPermanent: 5,
      SqsRecordsFailedCancelled: 6,
      SqsRecordsAcknowledgedPermanent: 7,
      SqsRecordsSkippedDeadline: 8,
      SqsRecordsSkippedBreakerOpen: 9,
      SqsRecordsSkippedFifo: 10,
      SqsRecordsInterrupted: 11,
    });
    expect(service).toBe('orders');
  });

  it('takes a metrics object without publishStoredMetrics (publishing is then its own business)', async () => {
    // Prepare
    const added: [string, string, number][] = [];
    const metrics = {
      addMetric: (name: string, unit: 'Count', value: number) => added.push([name, unit, value]),
    };
    const handler = sqsHandler(() => undefined, { metrics, logger: new CapturingLogger() });
    // Act
    const response = await handler(sqsEvent([{}, {}]), lambdaContext());
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(added).toEqual([[SQS_METRIC_NAMES.succeeded, 'Count', 2]]);
  });
});
