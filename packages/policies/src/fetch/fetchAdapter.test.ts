// The fetch adapter over a recording host (the chain's side is tested in wrapDependency tests and on
// real sockets in test/policies): options checked, a stream body allows one attempt, bounds taken once.
// `data:` URLs keep it offline; statuses >= 400 are covered on real servers in test/policies.
import { describe, expect, it } from 'vitest';
import type { ExecuteContext } from '../Dependency.js';
import { SINGLE_ATTEMPT } from '../options/singleAttempt.js';
import type { InternalOptions } from '../pipeline/call.js';
import { type FetchHost, fetchThrough } from './fetchAdapter.js';

function host() {
  const seen: InternalOptions<Response>[] = [];
  const h: FetchHost<never> = {
    name: 'edna',
    totalMs: 1_000,
    classify: () => {
      throw new Error('not reached');
    },
    bounds: (start) => ({ endAt: start + 1_000, endKind: 'total', signals: undefined }),
    run: <T>(fn: (context: ExecuteContext) => Promise<T>, options: InternalOptions<T>) => {
      seen.push(options as InternalOptions<Response>);
      return fn({ signal: new AbortController().signal, attempt: 1, deadline: Date.now() + 1_000 });
    },
  };
  return { h, seen };
}

describe('fetchThrough', () => {
  it('fetches through the host and returns the response', async () => {
    const { h } = host();
    const response = (await fetchThrough(h, 'data:text/plain,hello', undefined, undefined)) as Response;
    expect(await response.text()).toBe('hello');
  });

  it('refuses an unknown fetch option and a non-boolean bufferBody, naming the field', async () => {
    const { h } = host();
    await expect(fetchThrough(h, 'data:,x', undefined, { bufer: true } as never)).rejects.toThrow(
      /bufferBody/,
    );
    await expect(fetchThrough(h, 'data:,x', undefined, { bufferBody: 'yes' } as never)).rejects.toThrow(
      /^edna\.fetch: bufferBody must be a boolean, got "yes"/,
    );
  });

  it('a stream body marks the call single-attempt; a string body does not', async () => {
    // Prepare
    const { h, seen } = host();
    const stream = new ReadableStream({ start: (c) => c.close() });
    // Act
    await fetchThrough(
      h,
      'data:,x',
      { method: 'POST', body: stream, duplex: 'half' } as RequestInit,
      undefined,
    ).catch(() => undefined);
    await fetchThrough(h, 'data:,x', { method: 'POST', body: 'x' }, undefined).catch(() => undefined);
    // Assert
    expect(seen[0]?.[SINGLE_ATTEMPT]).toBe(true);
    expect(seen[1]?.[SINGLE_ATTEMPT]).toBeUndefined();
  });

  it("passes the caller's signal (from init or from a Request) to the chain", async () => {
    const { h, seen } = host();
    const controller = new AbortController();
    await fetchThrough(h, new Request('data:,x', { signal: controller.signal }), undefined, undefined);
    expect(seen[0]?.signal).toBeInstanceOf(AbortSignal);
  });
});
