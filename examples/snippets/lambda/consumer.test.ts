// Testing a consumer with the @bulwark/testing builders: exactly which records come back.
import { TransientError } from '@bulwark/errors';
import { sqsHandler } from '@bulwark/lambda';
import { lambdaContext, sqsEvent } from '@bulwark/testing';
import { expect, it } from 'vitest';

const handler = sqsHandler<{ n: number }>(
  async (_record, { body }) => {
    if (body.n === 2) throw new TransientError('the ledger answered 503');
    if (body.n === 3) throw new Error('a bug: this message fails every time');
  },
  { onPermanentFailure: 'report' },
);

it('reports the transient failure and the poison message, nothing else', async () => {
  // Prepare
  const event = sqsEvent([1, 2, 3, 4].map((n) => ({ messageId: `m${n}`, body: { n } })));
  // Act
  const response = await handler(event, lambdaContext({ remainingMs: 10_000 }));
  // Assess
  expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }]);
});
