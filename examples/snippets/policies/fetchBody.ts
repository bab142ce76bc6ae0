// The body is part of the call: fetch's total timeout, deadline and signal bound reading it too.
import { isTransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';

const reports = wrapDependency('reports', { timeout: { attemptMs: 2_000, totalMs: 5_000 } });

export async function latestReport(): Promise<unknown> {
  // Streams: if the server sends headers and then stalls, json() rejects with a timeout
  // TransientError once the call's 5 s are up (not retried: the call has already returned).
  const res = (await reports.fetch('https://reports.internal/latest')) as Response;
  try {
    return await res.json();
  } catch (error) {
    if (isTransientError(error) && error.reason === 'timeout') return undefined;
    throw error;
  }
}

export async function latestSummary(): Promise<unknown> {
  // bufferBody: the body is read inside the attempt, so a stalled body is an attempt timeout and
  // is retried like any other transient failure; the Response returned holds the bytes.
  const res = (await reports.fetch('https://reports.internal/summary', undefined, {
    bufferBody: true,
  })) as Response;
  return res.json();
}
