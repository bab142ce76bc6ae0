// One handle per dependency, at module scope: its breaker and retry budget see every call.
import { wrapDependency } from '@bulwark/policies';

export const edna = wrapDependency('edna', {
  timeout: { attemptMs: 2_000, totalMs: 6_000 },
  retry: { maxAttempts: 3, backoff: { jitter: 'decorrelated', initialDelayMs: 200, maxDelayMs: 2_000 } },
  breaker: { kind: 'consecutive', threshold: 5, halfOpenAfterMs: 10_000 },
});

export interface Order {
  readonly id: string;
  readonly total: number;
}

export async function getOrder(id: string): Promise<Order> {
  // 5xx, 408 and 429 are retried (Retry-After honoured); other 4xx throw PermanentError at once.
  const res = await edna.fetch(`https://edna.internal/orders/${encodeURIComponent(id)}`);
  return (await res.json()) as Order;
}

export async function getOrderWithSdk(
  id: string,
  client: { get(id: string, signal: AbortSignal): Promise<Order> },
) {
  // Any other client: pass the attempt's signal so a timed-out attempt is really cancelled. (An AWS SDK v3
  // client is not one: `edna.protect(client)` also turns off its own retries; see "Wrapping AWS SDK clients".)
  return edna.execute(({ signal }) => client.get(id, signal));
}
