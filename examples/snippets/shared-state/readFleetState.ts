// An application Lambda: every instance reads the fleet breaker state for `edna` from SSM (cached for
// maxAgeSeconds through Powertools parameters) and fails fast while the probe or an operator says open.
import { isDependencyDownError } from '@bulwark/errors';
import { ssmBreakerState, wrapDependency } from '@bulwark/policies';

// Module scope: one reader and one breaker per instance, reused across warm invocations. The first read
// starts here, during Lambda's init phase.
const edna = wrapDependency('edna', {
  sharedState: ssmBreakerState({
    parameterName: '/bulwark/breakers/edna',
    maxAgeSeconds: 5, // at most one GetParameter per 5 s per busy instance
    readTimeoutMs: 300, // once the SSM client has loaded, the most the first read is waited for
    retryHintMs: 30_000, // the hint of a refusal while forced-open, or open past its retryAt
  }),
});

// Top-level await (ESM): init waits for the first read, so even a cold instance's first event follows a
// fleet-wide open. Bounded (refreshTimeoutMs + readTimeoutMs at worst) and never rejects.
await edna.ready();

export async function handler(event: { orderId: string }): Promise<{ statusCode: number; body: string }> {
  try {
    const res = await edna.fetch(`https://edna.internal/orders/${encodeURIComponent(event.orderId)}`);
    return { statusCode: 200, body: await res.text() };
  } catch (error: unknown) {
    // Open fleet-wide (or locally): no request was sent; tell the caller when to come back.
    if (isDependencyDownError(error)) {
      return { statusCode: 503, body: JSON.stringify({ retryAfterMs: error.retryAfterMs }) };
    }
    throw error;
  }
}
