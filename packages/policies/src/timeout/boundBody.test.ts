// boundBody on its own, over hand-made streams with fake time: a body that ends in time is passed whole and
// leaves no timer or listener; the end of the call's time, or a signal, errors it and cancels the source
// (its socket is released); a source that errors passes its error on; a consumer's cancel reaches the
// source; a response without a body is returned as it is; url, redirected and type are kept.
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boundBody, rebuildable, withSameIdentity } from './boundBody.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** A source the test drives: push chunks, end it, error it; records the cancel reason. */
function source() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const seen: { cancelled: unknown[] } = { cancelled: [] };
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: (reason) => {
      seen.cancelled.push(reason);
    },
  });
  return {
    response: new Response(stream, { status: 200, headers: { 'content-type': 'text/plain' } }),
    push: (text: string) => controller.enqueue(bytes(text)),
    end: () => controller.close(),
    fail: (error: unknown) => controller.error(error),
    seen,
  };
}

const timeUp = new Error('total timeout reached while the response body was read');

describe('boundBody', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a body that ends in time is read whole, with status and headers, and leaves no timer or listener', async () => {
    // Prepare
    const s = source();
    const signal = new AbortController().signal;
    const bounded = boundBody(s.response, Date.now() + 1_000, [signal], () => timeUp);
    // Act
    s.push('hello ');
    s.push('world');
    s.end();
    const text = await bounded.text();
    // Assess
    expect(text).toBe('hello world');
    expect(bounded.status).toBe(200);
    expect(bounded.headers.get('content-type')).toBe('text/plain');
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('the end of the time errors a body still arriving, cancels the source and leaves no listener', async () => {
    // Prepare
    const s = source();
    const signal = new AbortController().signal;
    const bounded = boundBody(s.response, Date.now() + 1_000, [signal], () => timeUp);
    s.push('partial');
    const read = bounded.text().catch((e: unknown) => e);
    // Act
    await vi.advanceTimersByTimeAsync(1_000);
    // Assess
    expect(await read).toBe(timeUp);
    expect(s.seen.cancelled).toEqual([timeUp]);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('a signal errors the body with its reason, cancels the source and clears the timer', async () => {
    // Prepare
    const s = source();
    const caller = new AbortController();
    const other = new AbortController();
    const bounded = boundBody(s.response, Date.now() + 1_000, [caller.signal, other.signal], () => timeUp);
    const read = bounded.text().catch((e: unknown) => e);
    // Act
    caller.abort('caller left');
    // Assess
    expect(await read).toBe('caller left');
    expect(s.seen.cancelled).toEqual(['caller left']);
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(other.signal, 'abort')).toHaveLength(0);
  });

  it('an already-aborted signal or no time left errors the body at once', async () => {
    const a = source();
    const aborted = boundBody(a.response, Date.now() + 1_000, [AbortSignal.abort('gone')], () => timeUp);
    await expect(aborted.text()).rejects.toBe('gone');
    const b = source();
    const late = boundBody(b.response, Date.now(), [], () => timeUp);
    await expect(late.text()).rejects.toBe(timeUp);
    expect(b.seen.cancelled).toEqual([timeUp]);
  });

  it("a source that errors passes its error on, and the call's timer is cleared", async () => {
    // Prepare
    const s = source();
    const bounded = boundBody(s.response, Date.now() + 1_000, [], () => timeUp);
    const reset = new Error('socket reset');
    const read = bounded.text().catch((e: unknown) => e);
    // Act
    s.fail(reset);
    // Assess
    expect(await read).toBe(reset);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the consumer's cancel reaches the source and clears the timer", async () => {
    const s = source();
    const bounded = boundBody(s.response, Date.now() + 1_000, [], () => timeUp);
    await bounded.body!.cancel('not needed');
    expect(s.seen.cancelled).toEqual(['not needed']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a response without a body, or one that cannot be rebuilt, is returned as it is', () => {
    const empty = new Response(null, { status: 200 });
    expect(boundBody(empty, Date.now() + 1_000, [], () => timeUp)).toBe(empty);
    const noContent = new Response(null, { status: 204 });
    expect(boundBody(noContent, Date.now() + 1_000, [], () => timeUp)).toBe(noContent);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps url, redirected and type', () => {
    const original = new Response('x');
    Object.defineProperties(original, {
      url: { value: 'https://edna.test/orders' },
      redirected: { value: true },
      type: { value: 'cors' },
    });
    const copy = withSameIdentity(new Response('y'), original);
    expect([copy.url, copy.redirected, copy.type]).toEqual(['https://edna.test/orders', true, 'cors']);
    const bounded = boundBody(original, Date.now() + 1_000, [], () => timeUp);
    expect([bounded.url, bounded.redirected, bounded.type]).toEqual([
      'https://edna.test/orders',
      true,
      'cors',
    ]);
  });

  it('rebuildable: a status the Response constructor takes with a body', () => {
    expect([200, 201, 404, 599].map((status) => rebuildable(new Response('x', { status })))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([204, 205, 304].map((status) => rebuildable(new Response(null, { status })))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it.each([600, 799, 199])(
    "a status %i with a body cannot be rebuilt (fetch hands a server's 600 over as it is): returned as it is",
    (status) => {
      // Prepare: the constructor refuses these statuses, so the status is set as fetch sets it.
      const odd = Object.defineProperty(new Response('x'), 'status', { value: status });
      // Act + Assess
      expect(rebuildable(odd)).toBe(false);
      expect(boundBody(odd, Date.now() + 1_000, [], () => timeUp)).toBe(odd);
    },
  );
});

describe('boundBody on real timers', () => {
  const refedTimers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;

  it("a body's timer does not hold the process open (a Response nobody reads must not keep it alive)", async () => {
    // Prepare
    const s = source();
    const before = refedTimers();
    // Act
    const bounded = boundBody(s.response, Date.now() + 60_000, [], () => timeUp);
    const held = refedTimers() - before;
    await bounded.body?.cancel('done');
    // Assess
    expect(held).toBe(0);
    expect(s.seen.cancelled).toEqual(['done']);
  });
});
