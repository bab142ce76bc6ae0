// Rows made by cockatiel's own policies: its real errors, recognised by @bulwark/errors without
// importing cockatiel (brand properties only).
import { bulkhead, ConsecutiveBreaker, circuitBreaker, handleAll, TimeoutStrategy, timeout } from 'cockatiel';
import { type FaultRow, transient } from './FaultRow.js';

const never = (signal: AbortSignal) =>
  new Promise<never>((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
  });

export function cockatielRows(): FaultRow[] {
  return [
    {
      name: 'cockatiel BrokenCircuitError from an open breaker',
      real: true,
      make: async () => {
        const breaker = circuitBreaker(handleAll, {
          halfOpenAfter: 60_000,
          breaker: new ConsecutiveBreaker(1),
        });
        await breaker.execute(() => Promise.reject(new Error('boom'))).catch(() => undefined);
        return breaker.execute(() => Promise.resolve('never called'));
      },
      expected: {
        kind: 'dependency-down',
        retryable: false,
        retryAfterMs: undefined,
        httpStatus: 503,
        reason: 'circuit-open',
        code: 'BrokenCircuitError',
        countsTowardBreaker: false,
      },
    },
    {
      name: 'cockatiel IsolatedCircuitError from an isolated breaker',
      real: true,
      make: async () => {
        const breaker = circuitBreaker(handleAll, {
          halfOpenAfter: 60_000,
          breaker: new ConsecutiveBreaker(5),
        });
        const isolation = breaker.isolate();
        try {
          return await breaker.execute(() => Promise.resolve('never called'));
        } finally {
          isolation.dispose();
        }
      },
      expected: {
        kind: 'dependency-down',
        retryable: false,
        retryAfterMs: undefined,
        httpStatus: 503,
        reason: 'circuit-open',
        code: 'IsolatedCircuitError',
        countsTowardBreaker: false,
      },
    },
    {
      name: 'cockatiel TaskCancelledError from an aggressive timeout',
      real: true,
      // The task ignores its signal, as code that is not abort-aware does: only the aggressive timeout ends it.
      make: () => timeout(20, TimeoutStrategy.Aggressive).execute(() => new Promise<never>(() => {})),
      expected: transient('timeout', { code: 'TaskCancelledError' }),
    },
    {
      name: 'cockatiel TaskCancelledError when the caller cancels a bulkhead-queued call',
      real: true,
      make: async () => {
        const policy = bulkhead(1, 1);
        const held = new AbortController();
        const first = policy.execute(() => never(held.signal)).catch(() => undefined);
        const caller = new AbortController();
        const queued = policy.execute(() => Promise.resolve('never called'), caller.signal);
        caller.abort();
        held.abort(); // frees the slot; the queued call is dequeued, sees its aborted signal, and is cancelled
        await first;
        return queued;
      },
      expected: {
        kind: 'cancelled',
        retryable: false,
        retryAfterMs: undefined,
        httpStatus: 499,
        reason: 'cancelled',
        countsTowardBreaker: false,
      },
    },
    {
      name: 'cockatiel BulkheadRejectedError from a full bulkhead',
      real: true,
      make: async () => {
        const policy = bulkhead(1, 0);
        const held = new AbortController();
        const first = policy.execute(() => never(held.signal)).catch(() => undefined);
        try {
          return await policy.execute(() => Promise.resolve('never called'));
        } finally {
          held.abort();
          await first;
        }
      },
      expected: {
        kind: 'dependency-down',
        retryable: false,
        retryAfterMs: undefined,
        httpStatus: 503,
        reason: 'bulkhead-full',
        code: 'BulkheadRejectedError',
        countsTowardBreaker: false,
      },
    },
  ];
}
