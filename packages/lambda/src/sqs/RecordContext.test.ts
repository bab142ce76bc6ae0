import { sqsRecord } from '@bulwark/testing';
import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import type { LoggerLike } from '../internal/LoggerLike.js';
import { RecordContext, receiveCountOf } from './RecordContext.js';

const signal = () => new AbortController().signal;

function contextOf(record: SQSRecord, parent: LoggerLike): RecordContext<unknown> {
  return new RecordContext(record, {}, parent, undefined, signal, undefined);
}

describe('RecordContext', () => {
  it('reads the message id and the receive count from the record', () => {
    // Arrange
    const record = sqsRecord({ messageId: 'm-7', receiveCount: 3 });

    // Act
    const ctx = contextOf(record, new CapturingLogger());

    // Assess
    expect(ctx.messageId).toBe('m-7');
    expect(ctx.receiveCount).toBe(3);
    expect(ctx.remainingMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives one child logger per record, carrying the message id', () => {
    // Arrange
    const parent = new CapturingLogger();
    const ctx = contextOf(sqsRecord({ messageId: 'm-8' }), parent);

    // Act
    const first = ctx.logger;
    first.info('working');

    // Assess
    expect(first).not.toBe(parent);
    expect(ctx.logger).toBe(first);
    expect(parent.find('working')[0]).toMatchObject({ correlation_id: 'm-8', messageId: 'm-8' });
  });

  it('falls back to the parent logger when it cannot make a child', () => {
    // Arrange
    const noop = () => undefined;
    const parent: LoggerLike = {
      debug: noop,
      info: noop,
      warn: noop,
      error: noop,
      createChild() {
        throw new Error('no children');
      },
    };

    // Act
    const ctx = contextOf(sqsRecord(), parent);

    // Assess
    expect(ctx.logger).toBe(parent);
  });
});

describe('receiveCountOf', () => {
  it('reads ApproximateReceiveCount', () => {
    expect(receiveCountOf(sqsRecord({ receiveCount: 4 }))).toBe(4);
  });

  it.each([
    ['no attributes', undefined],
    ['a zero count', { ApproximateReceiveCount: '0' }],
    ['a count that is not a number', { ApproximateReceiveCount: 'many' }],
  ])('is 1 for a record with %s', (_, attributes) => {
    // Arrange
    const record = { ...sqsRecord(), attributes } as unknown as SQSRecord;

    // Act / Assess
    expect(receiveCountOf(record)).toBe(1);
  });
});
