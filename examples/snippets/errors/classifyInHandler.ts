// Decide what to do with a failure from one verdict: retry it, count it, or answer our caller.
import { classify, PROBLEM_JSON_CONTENT_TYPE, toProblemDetails } from '@bulwark/errors';

export async function getOrder(id: string): Promise<Response> {
  try {
    return await fetch(`https://orders.internal/orders/${encodeURIComponent(id)}`, {
      signal: AbortSignal.timeout(2_000),
    });
  } catch (error) {
    const verdict = classify(error);
    // verdict.kind: 'transient' | 'dependency-down' | 'permanent' | 'cancelled'
    // verdict.retryable, verdict.countsTowardBreaker, verdict.retryAfterMs, verdict.httpStatus
    console.warn('orders call failed', { kind: verdict.kind, reason: verdict.reason, code: verdict.code });
    const body = toProblemDetails(error);
    const headers = new Headers({ 'content-type': PROBLEM_JSON_CONTENT_TYPE });
    if (body.retryAfter !== undefined) headers.set('retry-after', String(body.retryAfter));
    return new Response(JSON.stringify(body), { status: body.status, headers });
  }
}
