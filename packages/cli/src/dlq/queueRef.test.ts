import { describe, expect, it } from 'vitest';
import { parseQueueRef } from './queueRef.js';

describe('parseQueueRef', () => {
  it.each([
    ['orders-dlq', { name: 'orders-dlq', url: undefined, accountId: undefined, region: undefined }],
    ['orders-dlq.fifo', { name: 'orders-dlq.fifo', url: undefined }],
    [
      'arn:aws:sqs:eu-west-1:123456789012:orders-dlq',
      { name: 'orders-dlq', url: undefined, accountId: '123456789012', region: 'eu-west-1' },
    ],
    [
      'https://sqs.eu-west-1.amazonaws.com/123456789012/orders-dlq/',
      {
        name: 'orders-dlq',
        url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders-dlq',
        accountId: '123456789012',
        region: 'eu-west-1',
      },
    ],
    [
      'http://localhost:4566/000000000000/q',
      { name: 'q', url: 'http://localhost:4566/000000000000/q', region: undefined },
    ],
  ])('reads %s', (text, expected) => {
    expect(parseQueueRef(text)).toMatchObject({ given: text, ...expected });
  });

  it.each([
    '',
    'a'.repeat(81),
    'orders dlq',
    'orders\u001b[2J',
    'arn:aws:sns:eu-west-1:123456789012:topic',
    'https://sqs.eu-west-1.amazonaws.com/123456789012/q?token=abc',
    'https://sqs.eu-west-1.amazonaws.com/q',
    'ftp://host/123456789012/q',
  ])('refuses %j with what a queue reference looks like', (text) => {
    expect(() => parseQueueRef(text, '--to')).toThrow(
      /--to must be a queue name .*, a queue URL .* or an ARN/,
    );
  });
});
