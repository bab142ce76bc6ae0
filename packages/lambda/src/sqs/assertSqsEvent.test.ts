import { sqsRecord } from '@bulwark/testing';
import { describe, expect, it } from 'vitest';
import { assertFifoGroups, assertSqsEvent } from './assertSqsEvent.js';

function refusal(event: unknown): string {
  try {
    assertSqsEvent(event);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('assertSqsEvent', () => {
  it('refuses null with its own message, not a property read on null', () => {
    expect(refusal(null)).toBe('sqsHandler: expected an SQS event (an object with Records); got null.');
  });

  it.each([
    [null, 'null'],
    [7, '7'],
    ['body', '"body"'],
  ])('refuses the record %j, naming its index', (record, shown) => {
    expect(refusal({ Records: [sqsRecord(), record] })).toBe(
      `sqsHandler: event.Records[1] must be an SQS record; got ${shown}.`,
    );
  });

  it('accepts a record without eventSource (hand-made events leave it out)', () => {
    // Arrange
    const { eventSource: _, ...record } = sqsRecord({ messageId: 'm-1' });

    // Act / Assess
    expect(() => assertSqsEvent({ Records: [record] })).not.toThrow();
  });

  it('refuses a record from another event source', () => {
    expect(refusal({ Records: [{ ...sqsRecord(), eventSource: 'aws:kinesis' }] })).toBe(
      'sqsHandler: event.Records[0].eventSource is "aws:kinesis", not "aws:sqs". Is a non-SQS trigger wired to this function?',
    );
  });

  it.each([
    ['', '""'],
    [undefined, 'undefined'],
    [12, '12'],
  ])('refuses the message id %j', (messageId, shown) => {
    expect(refusal({ Records: [{ ...sqsRecord(), messageId }] })).toBe(
      `sqsHandler: event.Records[0].messageId must be a non-empty string; got ${shown}.`,
    );
  });

  it('accepts a one-character message id', () => {
    expect(() => assertSqsEvent({ Records: [{ ...sqsRecord(), messageId: 'x' }] })).not.toThrow();
  });
});

describe('assertFifoGroups', () => {
  it.each([
    ['an empty group id', { MessageGroupId: '' }, '""'],
    ['no attributes', undefined, 'undefined'],
  ])('refuses a FIFO record with %s', (_, attributes, shown) => {
    // Arrange
    const record = { ...sqsRecord({ fifo: { groupId: 'g' } }), attributes } as never;

    // Act / Assess
    expect(() => assertFifoGroups([sqsRecord({ fifo: { groupId: 'g' } }), record])).toThrow(
      new TypeError(
        `sqsHandler: event.Records[1] comes from a FIFO queue but has no attributes.MessageGroupId (got ${shown}); FIFO order cannot be kept, so no record was run. Is the event hand-made, or options.fifo set for a standard queue?`,
      ),
    );
  });
});
