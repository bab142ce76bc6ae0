// The lines an operator reads for each outcome of a record (level, exact message, counters), and the
// summary's level and duration: a runbook alarms on these.
import { PermanentError } from '@bulwark/errors';
import { lambdaContext, sqsEvent } from '@bulwark/testing';
import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { orderSchema } from '../__support__/standardSchema.js';
import { sqsHandler } from '../index.js';

// A permanent failure about the message itself (a 422 from the dependency): the policy decides.
const rejected = () => {
  throw new PermanentError('edna refused the order', {
    dependency: 'edna',
    status: 422,
    reason: 'invalid-input',
  });
};

describe('sqsHandler: the lines of a permanent failure', () => {
  it('acknowledge: one error line saying it was dropped, counted as acknowledged, the summary at warn', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = sqsHandler(rejected, { logger, onPermanentFailure: 'acknowledge' });
    // Act
    const response = await handler(sqsEvent([{ messageId: 'm0' }]), lambdaContext());
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(logger.find('record failed permanently; acknowledged and dropped')).toMatchObject([
      { level: 'ERROR', messageId: 'm0' },
    ]);
    const [summary] = logger.find('SQS batch summary');
    expect(summary).toMatchObject({ level: 'WARN', batch: { acknowledged: 1, reported: 0, succeeded: 0 } });
  });

  it('a hook that succeeds: the record is acknowledged with its own line', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = sqsHandler(rejected, { logger, onPermanentFailure: async () => undefined });
    // Act
    const response = await handler(sqsEvent([{ messageId: 'm0' }]), lambdaContext());
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(logger.find('record failed permanently; handed to the hook and acknowledged')).toMatchObject([
      { level: 'ERROR', messageId: 'm0' },
    ]);
    expect(logger.find('SQS batch summary')[0]).toMatchObject({
      batch: { acknowledged: 1, failed: { permanent: 0 } },
    });
  });

  it('a hook that fails: the record is reported, with the hook’s error and the record’s own line', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = sqsHandler(rejected, {
      logger,
      throwOnFullBatchFailure: false,
      onPermanentFailure: async () => {
        throw new Error('DLQ write refused');
      },
    });
    // Act
    const response = await handler(sqsEvent([{ messageId: 'm0' }]), lambdaContext());
    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm0' }]);
    expect(logger.find('permanent-failure hook failed; record reported for redelivery')).toMatchObject([
      { level: 'ERROR', messageId: 'm0', hookError: { message: 'DLQ write refused' } },
    ]);
    expect(logger.find('record failed permanently')).toMatchObject([{ level: 'ERROR', messageId: 'm0' }]);
    expect(logger.find('SQS batch summary')[0]).toMatchObject({
      batch: { acknowledged: 0, reported: 1, failed: { permanent: 1 } },
    });
  });
});

describe('sqsHandler: the summary line', () => {
  it('a clean batch is summarised at info, with a duration in milliseconds', async () => {
    // Prepare
    const logger = new CapturingLogger();
    // Act
    await sqsHandler(() => undefined, { logger })(sqsEvent([{ messageId: 'm0' }]), lambdaContext());
    // Assess
    const [summary] = logger.find('SQS batch summary');
    expect(summary?.level).toBe('INFO');
    const durationMs = (summary?.batch as { durationMs?: number } | undefined)?.durationMs;
    expect(durationMs).toBeGreaterThanOrEqual(0);
    expect(durationMs).toBeLessThan(60_000);
  });

  it('a batch with a reported record is summarised at warn', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      (record) => {
        if (record.messageId === 'm1') throw new Error('boom');
      },
      { logger },
    );
    // Act
    await handler(sqsEvent([{ messageId: 'm0' }, { messageId: 'm1' }]), lambdaContext());
    // Assess
    expect(logger.find('SQS batch summary')[0]).toMatchObject({
      level: 'WARN',
      batch: { reported: 1, succeeded: 1 },
    });
  });
});

describe('sqsHandler: the lines of a record that cannot be decoded, or whose failure is ours', () => {
  it('a body that is not JSON: the line says so, without quoting the body', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = sqsHandler(() => undefined, { logger, throwOnFullBatchFailure: false });
    // Act
    await handler(sqsEvent([{ messageId: 'm0', body: '{"card": "4111' }]), lambdaContext());
    // Assess
    const [line] = logger.lines.filter((l) => l.level === 'ERROR');
    expect(line).toMatchObject({
      messageId: 'm0',
      reason: 'invalid-input',
      issues: [{ path: '', message: 'the body is not valid JSON' }],
      error: { message: 'The record body is not valid JSON.' },
    });
    expect(JSON.stringify(logger.lines)).not.toContain('4111');
  });

  it('a body the schema refuses: the line names the validation failure', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = sqsHandler(() => undefined, {
      schema: orderSchema,
      logger,
      throwOnFullBatchFailure: false,
    });
    // Act
    await handler(sqsEvent([{ messageId: 'm0', body: { id: 'a-1', qty: 0 } }]), lambdaContext());
    // Assess
    const [line] = logger.lines.filter((l) => l.level === 'ERROR');
    expect(line).toMatchObject({
      reason: 'invalid-input',
      error: { message: 'The record body failed validation.' },
    });
  });

  it('acknowledge, but the failure is a bug: reported, and the line says it was never acknowledged', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = sqsHandler(() => (undefined as unknown as { explode(): void }).explode(), {
      logger,
      onPermanentFailure: 'acknowledge',
      throwOnFullBatchFailure: false,
    });
    // Act
    const response = await handler(sqsEvent([{ messageId: 'm0' }]), lambdaContext());
    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm0' }]);
    expect(logger.lines.filter((l) => l.level === 'ERROR').map((l) => l.message)).toEqual([
      'record failed permanently, not because of its content (credentials, permissions, configuration or a bug); reported for redelivery, never acknowledged',
    ]);
  });
});
