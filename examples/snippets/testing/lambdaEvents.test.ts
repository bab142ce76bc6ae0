// Lambda inputs without fixtures on disk: an SQS FIFO batch and a context whose remaining time
// runs down with vitest's fake clock.
import { lambdaContext, sqsEvent } from '@bulwark/testing';
import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.useRealTimers();
});

it('builds a FIFO batch and a context that runs out of time', () => {
  vi.useFakeTimers();
  const event = sqsEvent({
    records: [{ body: { orderId: 1 } }, { body: { orderId: 2 }, receiveCount: 3 }],
    fifo: true,
  });
  const context = lambdaContext({ remainingMs: 3_000 });

  vi.advanceTimersByTime(2_500);

  expect(event.Records[1]?.attributes).toMatchObject({
    MessageGroupId: 'group-1',
    ApproximateReceiveCount: '3',
  });
  expect(context.getRemainingTimeInMillis()).toBe(500);
});
