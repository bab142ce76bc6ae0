// Item 3: whatever a handler throws (cyclic or mutual causes, a throwing enumerable getter or toJSON, a Proxy,
// a revoked Proxy), httpHandler answers 500 problem+json and writes its log line, and sqsHandler writes the
// record's failure line and counts the record once in the summary.

import { httpHandler, sqsHandler } from '@bulwark/lambda';
import { apiGatewayV2Event, lambdaContext, sqsEvent, sqsRecord } from '@bulwark/testing';
import { describe, expect, it } from 'vitest';
import { StreamLogger } from './support/StreamLogger.js';

function cyclicCause(): Error {
  const e = new Error('cyclic');
  (e as { cause?: unknown }).cause = e;
  return e;
}
function mutualCauses(): Error {
  const a = new Error('a');
  const b = new Error('b', { cause: a });
  (a as { cause?: unknown }).cause = b;
  return a;
}
function throwingGetter(): Error {
  const e = new Error('getter');
  Object.defineProperty(e, 'details', {
    enumerable: true,
    get() {
      throw new Error('getter exploded');
    },
  });
  return e;
}
function throwingToJSON(): Error {
  return Object.assign(new Error('toJSON'), {
    toJSON() {
      throw new Error('toJSON exploded');
    },
  });
}
function proxy(): unknown {
  return new Proxy(new Error('proxied'), {
    get() {
      throw new Error('trap');
    },
    ownKeys() {
      throw new Error('trap');
    },
    getOwnPropertyDescriptor() {
      throw new Error('trap');
    },
    getPrototypeOf() {
      throw new Error('trap');
    },
  });
}
function revokedProxy(): unknown {
  const { proxy: p, revoke } = Proxy.revocable(new Error('revoked'), {});
  revoke();
  return p;
}
function deepCauses(): Error {
  let e = new Error('leaf');
  for (let i = 0; i < 10_000; i++) e = new Error(`level ${i}`, { cause: e });
  return e;
}

const HOSTILE: readonly (readonly [string, () => unknown])[] = [
  ['a cyclic cause', cyclicCause],
  ['mutually referencing causes', mutualCauses],
  ['a throwing enumerable getter', throwingGetter],
  ['a throwing toJSON', throwingToJSON],
  ['a Proxy whose traps throw', proxy],
  ['a revoked Proxy', revokedProxy],
  ['a 10,000-deep cause chain', deepCauses],
  ['Object.create(null)', () => Object.create(null)],
];

describe('hostile thrown values (item 3)', () => {
  it.each(HOSTILE)('httpHandler answers %s with 500 problem+json and logs it', async (_label, make) => {
    // Prepare
    const logger = new StreamLogger();
    const thrown = make();
    const handler = httpHandler(
      () => {
        throw thrown;
      },
      { logger },
    );
    // Act
    const response = await handler(apiGatewayV2Event({ path: '/orders' }), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ status: 500, kind: 'permanent' });
    expect(logger.lines().filter((l) => l.message === 'request failed')).toHaveLength(1);
  });

  it.each(HOSTILE)(
    'sqsHandler logs the record failed by %s once and counts it once',
    async (_label, make) => {
      // Prepare
      const logger = new StreamLogger();
      const thrown = make();
      const handler = sqsHandler(
        (record) => {
          if (record.messageId === 'bad') throw thrown;
        },
        { logger, onPermanentFailure: 'report' },
      );
      // Act
      const response = await handler(
        sqsEvent([sqsRecord({ messageId: 'bad', body: {} }), sqsRecord({ messageId: 'ok', body: {} })]),
        lambdaContext(),
      );
      // Assess
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'bad' }]);
      const lines = logger.lines();
      const failures = lines.filter((l) => String(l.message).startsWith('record failed'));
      expect(failures).toHaveLength(1);
      const summary = lines.find((l) => l.message === 'SQS batch summary')?.batch as Record<string, unknown>;
      expect(summary).toMatchObject({ records: 2, succeeded: 1, acknowledged: 0, reported: 1 });
      expect(summary.failed).toMatchObject({ permanent: 1 });
    },
  );

  it.each(HOSTILE)(
    "sqsHandler with 'acknowledge' never both acknowledges and reports %s",
    async (_label, make) => {
      // Prepare
      const logger = new StreamLogger();
      const thrown = make();
      const handler = sqsHandler(
        () => {
          throw thrown;
        },
        { logger, onPermanentFailure: 'acknowledge', throwOnFullBatchFailure: false },
      );
      // Act
      const response = await handler(sqsEvent([sqsRecord({ messageId: 'bad', body: {} })]), lambdaContext());
      // Assess: not about the message, so reported, and counted once
      const summary = logger.lines().find((l) => l.message === 'SQS batch summary')?.batch as Record<
        string,
        unknown
      >;
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'bad' }]);
      expect(summary).toMatchObject({ acknowledged: 0, reported: 1 });
    },
  );
});
