// The documented @defaultValue of each option must be what DEFAULT_SQS_HANDLER_OPTIONS holds. Reads source
// text, so the mutation run leaves this file out (mutation/targets.mjs); the behaviour tests are in
// sqsHandler.input.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SQS_HANDLER_OPTIONS } from '../index.js';

describe('DEFAULT_SQS_HANDLER_OPTIONS', () => {
  // The documented @defaultValue of each option must be what the constant holds (Powertools once documented
  // 256 for a default the code set to 1000).
  const source = readFileSync(join(import.meta.dirname, 'SqsHandlerOptions.ts'), 'utf8');
  const documented = (field: string): string => {
    const match = new RegExp(`@defaultValue ([^\\n]+)\\n\\s*\\*/\\n\\s*readonly ${field}\\??:`).exec(source);
    if (match?.[1] === undefined) throw new Error(`no @defaultValue documented for ${field}`);
    return match[1].trim();
  };

  it.each([
    ['body', `'${DEFAULT_SQS_HANDLER_OPTIONS.body}'`],
    ['skipGroupOnError', String(DEFAULT_SQS_HANDLER_OPTIONS.skipGroupOnError)],
    ['processInParallel', String(DEFAULT_SQS_HANDLER_OPTIONS.processInParallel)],
    ['onPermanentFailure', `'${DEFAULT_SQS_HANDLER_OPTIONS.onPermanentFailure}'`],
    ['skipWhenBreakerOpen', JSON.stringify(DEFAULT_SQS_HANDLER_OPTIONS.skipWhenBreakerOpen)],
    ['publishMetrics', String(DEFAULT_SQS_HANDLER_OPTIONS.publishMetrics)],
    ['throwOnFullBatchFailure', String(DEFAULT_SQS_HANDLER_OPTIONS.throwOnFullBatchFailure)],
    ['safetyMarginMs', String(DEFAULT_SQS_HANDLER_OPTIONS.deadline.safetyMarginMs)],
    ['initialRecordEstimateMs', String(DEFAULT_SQS_HANDLER_OPTIONS.deadline.initialRecordEstimateMs)],
    ['expiresAfterSeconds', String(DEFAULT_SQS_HANDLER_OPTIONS.idempotency.expiresAfterSeconds)],
    ['useLocalCache', String(DEFAULT_SQS_HANDLER_OPTIONS.idempotency.useLocalCache)],
  ])('documents %s as %s', (field, expected) => {
    expect(documented(field)).toBe(expected);
  });

  it('documents the deadline default as the constant', () => {
    const { safetyMarginMs, initialRecordEstimateMs } = DEFAULT_SQS_HANDLER_OPTIONS.deadline;
    expect(documented('deadline')).toBe(
      `{ safetyMarginMs: ${safetyMarginMs}, initialRecordEstimateMs: ${initialRecordEstimateMs} }`,
    );
  });
});
