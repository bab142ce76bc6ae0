// How a request handler bound by protect picks the signal of each request: the attempt's inside an
// attempt, the caller's own options untouched outside one, and a signal of its own combined with the
// attempt's. A recording handler stands in for NodeHttpHandler (the socket side lives in test/sdk/).

import { describe, expect, it } from 'vitest';
import { bindHandler, inAttempt } from './attemptTransport.js';

interface Received {
  readonly request: unknown;
  readonly options: { abortSignal?: unknown; [key: string]: unknown } | undefined;
  readonly self: unknown;
}

/** A handler that records each request it is handed and each config update. */
function recordingHandler() {
  const received: Received[] = [];
  const updates: [string, unknown][] = [];
  const handler = {
    received,
    updates,
    handle(this: unknown, request: unknown, options?: Received['options']): Promise<unknown> {
      received.push({ request, options, self: this });
      return Promise.resolve({ response: { statusCode: 200 } });
    },
    updateHttpClientConfig(key: string, value: unknown): void {
      updates.push([key, value]);
    },
  };
  return handler;
}

/** The options the handler received for its only request. */
function onlyOptions(handler: ReturnType<typeof recordingHandler>): Received['options'] {
  expect(handler.received).toHaveLength(1);
  return handler.received[0]?.options;
}

describe('bindHandler: the signal each request is sent with', () => {
  it('outside an attempt, the options are handed on as they are', async () => {
    // Prepare
    const handler = recordingHandler();
    bindHandler(handler, 1_000);
    const options = { abortSignal: new AbortController().signal, requestTimeout: 5 };
    // Act
    await handler.handle('request', options);
    // Assess
    expect(onlyOptions(handler)).toBe(options);
    expect(handler.received[0]?.self).toBe(handler);
  });

  it('inside an attempt, a request without options gets the attempt signal', async () => {
    // Prepare
    const handler = recordingHandler();
    bindHandler(handler, 1_000);
    const attempt = new AbortController();
    // Act
    await inAttempt({ signal: attempt.signal, caller: undefined }, () => handler.handle('request'));
    // Assess
    expect(onlyOptions(handler)).toEqual({ abortSignal: attempt.signal });
    expect(handler.received[0]?.self).toBe(handler);
  });

  it.each([
    ['no abortSignal', () => undefined],
    ["the caller's own abortSignal (the attempt signal already follows it)", (caller: AbortSignal) => caller],
    ['a legacy { aborted } object', () => ({ aborted: false })],
  ])('inside an attempt, %s is replaced by the attempt signal', async (_, own) => {
    // Prepare
    const handler = recordingHandler();
    bindHandler(handler, 1_000);
    const attempt = new AbortController();
    const caller = new AbortController().signal;
    // Act
    await inAttempt({ signal: attempt.signal, caller }, () =>
      handler.handle('request', { abortSignal: own(caller) as AbortSignal | undefined, requestTimeout: 5 }),
    );
    // Assess
    const received = onlyOptions(handler);
    expect(received?.abortSignal).toBe(attempt.signal);
    expect(received?.requestTimeout).toBe(5);
  });

  it.each([
    ['its own signal aborts', (own: AbortController) => own.abort('own')],
    ['the attempt ends', (_: AbortController, attempt: AbortController) => attempt.abort('attempt')],
  ])('a signal of its own is combined with the attempt signal: aborted when %s', async (_, end) => {
    // Prepare
    const handler = recordingHandler();
    bindHandler(handler, 1_000);
    const attempt = new AbortController();
    const own = new AbortController();
    await inAttempt({ signal: attempt.signal, caller: undefined }, () =>
      handler.handle('request', { abortSignal: own.signal }),
    );
    const combined = onlyOptions(handler)?.abortSignal as AbortSignal;
    expect(combined).toBeInstanceOf(AbortSignal);
    expect(combined.aborted).toBe(false);
    // Act
    end(own, attempt);
    // Assess
    expect(combined.aborted).toBe(true);
  });
});

describe('bindHandler: what it changes on the handler', () => {
  it('sets the connection and request timeouts once per new longest attempt timeout', () => {
    // Prepare
    const handler = recordingHandler();
    // Act
    bindHandler(handler, 900);
    bindHandler(handler, 900);
    bindHandler(handler, 300);
    // Assess: a shorter or equal attempt timeout leaves the handler as the longest one set it.
    expect(handler.updates).toEqual([
      ['connectionTimeout', 900],
      ['requestTimeout', 900],
      ['throwOnRequestTimeout', true],
    ]);
  });

  it('a longer attempt timeout raises them', () => {
    // Prepare
    const handler = recordingHandler();
    bindHandler(handler, 300);
    handler.updates.length = 0;
    // Act
    bindHandler(handler, 900);
    // Assess
    expect(handler.updates).toEqual([
      ['connectionTimeout', 900],
      ['requestTimeout', 900],
      ['throwOnRequestTimeout', true],
    ]);
  });

  it('a handler without updateHttpClientConfig is bound all the same', async () => {
    // Prepare
    const received: unknown[] = [];
    const handler = { handle: (_: unknown, options?: unknown) => Promise.resolve(received.push(options)) };
    const attempt = new AbortController();
    // Act
    const problem = bindHandler(handler, 900);
    await inAttempt({ signal: attempt.signal, caller: undefined }, () => handler.handle('request'));
    // Assess
    expect(problem).toBeUndefined();
    expect(received).toEqual([{ abortSignal: attempt.signal }]);
  });

  it('other instrumentation (a tracer) can still wrap the bound handle', async () => {
    // Prepare
    const handler = recordingHandler();
    bindHandler(handler, 900);
    const bound = handler.handle;
    const traced: unknown[] = [];
    // Act: one wraps by assignment, another by defineProperty.
    handler.handle = function (this: unknown, request: unknown, options?: Received['options']) {
      traced.push(request);
      return bound.call(this, request, options);
    };
    Object.defineProperty(handler, 'handle', { value: handler.handle, configurable: true, writable: true });
    await handler.handle('request');
    // Assess
    expect(traced).toEqual(['request']);
    expect(handler.received).toHaveLength(1);
  });
});
