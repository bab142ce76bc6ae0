import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useMswServer } from '../msw/useMswServer.js';
import { faults } from './faults.js';
import { mulberry32 } from './mulberry32.js';

const server = useMswServer();
const URL_ = 'https://edna.test/orders';
const SSM_URL = 'https://ssm.us-east-1.amazonaws.com/';
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };
const ssmBody = { Parameter: { Name: '/p', Type: 'String', Value: 'v', Version: 1 } };

function ssmClient(options: { maxAttempts?: number; requestTimeout?: number } = {}): SSMClient {
  return new SSMClient({
    region: 'us-east-1',
    credentials,
    maxAttempts: options.maxAttempts ?? 1,
    ...(options.requestTimeout === undefined
      ? {}
      : {
          requestHandler: new NodeHttpHandler({
            requestTimeout: options.requestTimeout,
            throwOnRequestTimeout: true,
          }),
        }),
  });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error: unknown) {
    return error as Error;
  }
  throw new Error('expected a rejection, got a value');
}

/** Lets msw's async resolution run without moving (fake) time. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('faults.latency', () => {
  it('answers only after the delay has passed', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const slow = faults.latency(URL_, { ms: 5_000, status: 201, body: { ok: true } });
    server.use(slow);
    let settled = false;

    // Act
    const response = fetch(URL_).finally(() => {
      settled = true;
    });
    await settle();
    await vi.advanceTimersByTimeAsync(4_999);
    const earlyDone = settled;
    await vi.advanceTimersByTimeAsync(1);
    const answered = await response;

    // Assess
    expect(earlyDone).toBe(false);
    expect(answered.status).toBe(201);
    expect(await answered.json()).toEqual({ ok: true });
    expect(slow.calls).toBe(1);
  });

  it('clears its timer when the client aborts', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const slow = faults.latency(URL_, { ms: 60_000 });
    server.use(slow);
    const controller = new AbortController();

    // Act
    const response = fetch(URL_, { signal: controller.signal });
    await settle();
    const timersWhileWaiting = vi.getTimerCount();
    controller.abort();
    const error = await rejection(response);
    await settle();

    // Assess
    expect(error.name).toBe('AbortError');
    expect(timersWhileWaiting).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(slow.pending).toBe(0);
  });

  it('makes the real SDK hit its requestTimeout', async () => {
    // Prepare
    server.use(faults.latency(SSM_URL, { ms: 5_000, body: ssmBody }));

    // Act
    const error = await rejection(
      ssmClient({ requestTimeout: 30 }).send(new GetParameterCommand({ Name: '/p' })),
    );

    // Assess
    expect(error.name).toBe('TimeoutError');
  });
});

describe('faults.hang', () => {
  it('never answers until the request is aborted, then holds nothing', async () => {
    // Prepare
    const stuck = faults.hang(URL_);
    server.use(stuck);
    const controller = new AbortController();
    let settled = false;

    // Act
    const response = fetch(URL_, { signal: controller.signal }).finally(() => {
      settled = true;
    });
    await settle();
    const pendingWhileHanging = stuck.pending;
    const settledWhileHanging = settled;
    controller.abort(new Error('caller gave up'));
    const error = await rejection(response);
    await settle();

    // Assess
    expect(settledWhileHanging).toBe(false);
    expect(pendingWhileHanging).toBe(1);
    expect(error.message).toBe('caller gave up');
    expect(stuck.pending).toBe(0);
    expect(stuck.calls).toBe(1);
  });

  it('is ended by the real SDK abortSignal', async () => {
    // Prepare
    const stuck = faults.hang(SSM_URL);
    server.use(stuck);
    const controller = new AbortController();

    // Act
    const call = ssmClient().send(new GetParameterCommand({ Name: '/p' }), {
      abortSignal: controller.signal,
    });
    await settle();
    const pendingWhileHanging = stuck.pending;
    controller.abort();
    const error = await rejection(call);
    await settle();

    // Assess
    expect(pendingWhileHanging).toBe(1);
    expect(error.name).toBe('AbortError');
    expect(stuck.pending).toBe(0);
  });
  it("is cut by the real SDK's requestTimeout (node:http), which releases the request", async () => {
    // Prepare
    const stuck = faults.hang(SSM_URL);
    server.use(stuck);

    // Act
    const error = await rejection(
      ssmClient({ requestTimeout: 30 }).send(new GetParameterCommand({ Name: '/p' })),
    );
    await vi.waitFor(() => expect(stuck.pending).toBe(0));

    // Assess
    expect(error.name).toBe('TimeoutError');
    expect(stuck.calls).toBe(1);
  });
});

describe('faults.networkError', () => {
  it('fails fetch at the network level', async () => {
    // Prepare
    const broken = faults.networkError(URL_);
    server.use(broken);

    // Act
    const error = await rejection(fetch(URL_));

    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect(broken.calls).toBe(1);
  });

  it('fails the real SDK call without an HTTP status', async () => {
    // Prepare
    server.use(faults.networkError(SSM_URL));

    // Act
    const error = await rejection(ssmClient().send(new GetParameterCommand({ Name: '/p' })));

    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBeUndefined();
  });
});

describe('faults.status', () => {
  it.each([
    { retryAfter: 30, header: '30' },
    { retryAfter: 1.2, header: '2' },
    { retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT', header: 'Wed, 21 Oct 2026 07:28:00 GMT' },
    { retryAfter: new Date(Date.UTC(2026, 9, 21, 7, 28)), header: 'Wed, 21 Oct 2026 07:28:00 GMT' },
  ])('sends Retry-After $retryAfter as "$header"', async ({ retryAfter, header }) => {
    // Prepare
    server.use(faults.status(URL_, 429, { retryAfter }));

    // Act
    const response = await fetch(URL_);

    // Assess
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe(header);
  });

  it('sends a JSON body and extra headers, and records each request', async () => {
    // Prepare
    const down = faults.status(URL_, 503, { body: { message: 'down' }, headers: { 'x-edna': '1' } });
    server.use(down);

    // Act
    const response = await fetch(URL_, { method: 'POST', body: 'hello' });
    await fetch(URL_);

    // Assess
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-edna')).toBe('1');
    expect(await response.json()).toEqual({ message: 'down' });
    expect(down.calls).toBe(2);
    expect(down.requests.map((request) => request.method)).toEqual(['POST', 'GET']);
    expect(await down.requests[0]?.text()).toBe('hello');
  });

  it('reaches the real SDK as a typed service error with the status', async () => {
    // Prepare
    server.use(
      faults.status(SSM_URL, 503, {
        body: { __type: 'ServiceUnavailable', message: 'slow down' },
        headers: { 'content-type': 'application/x-amz-json-1.1' },
      }),
    );

    // Act
    const error = await rejection(ssmClient().send(new GetParameterCommand({ Name: '/p' })));

    // Assess
    expect(error.name).toBe('ServiceUnavailable');
    expect((error as unknown as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(
      503,
    );
  });
});

describe('faults.sequence', () => {
  it('plays its steps in order', async () => {
    // Prepare
    const edna = faults.sequence(URL_, [
      503,
      { status: 429, retryAfter: 2 },
      'network-error',
      // biome-ignore lint/suspicious/noThenProperty: `then` is the contract's name for the step after a delay
      { delayMs: 0, then: { status: 200, body: 'ok' } },
    ]);
    server.use(edna);

    // Act
    const first = await fetch(URL_);
    const second = await fetch(URL_);
    const third = await rejection(fetch(URL_));
    const fourth = await fetch(URL_);

    // Assess
    expect(first.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('2');
    expect(third).toBeInstanceOf(TypeError);
    expect(await fourth.text()).toBe('ok');
    expect(edna.calls).toBe(4);
  });

  it('lets the real SDK retry a 503 into a success', async () => {
    // Prepare
    const ssm = faults.sequence(SSM_URL, [
      { status: 503, body: { __type: 'ServiceUnavailable' } },
      { status: 200, body: ssmBody, headers: { 'content-type': 'application/x-amz-json-1.1' } },
    ]);
    server.use(ssm);

    // Act
    const out = await ssmClient({ maxAttempts: 2 }).send(new GetParameterCommand({ Name: '/p' }));

    // Assess
    expect(out.Parameter?.Value).toBe('v');
    expect(out.$metadata.attempts).toBe(2);
    expect(ssm.calls).toBe(2);
  });

  it('fails loudly, naming the url and step count, when it runs out', async () => {
    // Prepare
    const edna = faults.sequence(URL_, [200]);
    server.use(edna);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);

    // Act
    await fetch(URL_);
    const second = await fetch(URL_);

    // Assess: msw turns the throw into a 500, and the handler keeps the message for useMswServer.
    expect(second.status).toBe(500);
    expect(await second.text()).toContain('ran out');
    expect(edna.errors).toEqual([
      `faults.sequence(${URL_}) ran out: request #2 (GET ${URL_}) but the sequence has only 1 step`,
    ]);
    // useMswServer would fail this test in afterEach; take the mistake so it does not.
    const { takeScriptErrors } = await import('../msw/scriptErrors.js');
    expect(takeScriptErrors([edna])).toHaveLength(1);
    vi.restoreAllMocks();
  });

  it.each([
    { steps: [], message: 'steps must be a non-empty array' },
    { steps: ['explode'], message: 'unknown fault step "explode"' },
    // biome-ignore lint/suspicious/noThenProperty: `then` is the contract's name for the step after a delay
    { steps: [200, { delayMs: 5, then: 'teapot' }], message: 'step 1.then: unknown fault step "teapot"' },
    { steps: [99], message: 'must be an integer HTTP status 100-599, got 99' },
    { steps: [{ status: 429, retryAfter: -1 }], message: 'retryAfter must be seconds >= 0' },
    {
      // biome-ignore lint/suspicious/noThenProperty: `then` is the contract's name for the step after a delay
      steps: [{ delayMs: -5, then: 200 }],
      message: 'delayMs must be a number of ms >= 0 and <= 2147483647, got -5',
    },
  ])('rejects bad steps at construction: $message', ({ steps, message }) => {
    expect(() => faults.sequence(URL_, steps as never)).toThrow(TypeError);
    expect(() => faults.sequence(URL_, steps as never)).toThrow(message);
  });
});

describe('faults.flaky', () => {
  it('fails the same requests for the same seed, at about the rate', async () => {
    // Prepare
    const runs: number[][] = [];
    for (const _run of [1, 2]) {
      const handler = faults.flaky(URL_, { rate: 0.3, seed: 42, fault: 503 });
      server.use(handler);
      const statuses: number[] = [];
      // Act
      for (let index = 0; index < 100; index++) statuses.push((await fetch(URL_)).status);
      runs.push(statuses);
    }

    // Assess
    const failures = runs[0]!.filter((status) => status === 503).length;
    expect(runs[0]).toEqual(runs[1]);
    expect(failures).toBeGreaterThan(15);
    expect(failures).toBeLessThan(45);
  });

  it('matches the mulberry32 draws exactly', async () => {
    // Prepare
    const draws = mulberry32(7);
    const expected = Array.from({ length: 20 }, () => (draws() < 0.5 ? 'network-error' : 200));
    server.use(
      faults.flaky(URL_, { rate: 0.5, seed: 7, fault: 'network-error', ok: { status: 200, body: 'ok' } }),
    );

    // Act
    const seen: (number | string)[] = [];
    for (let index = 0; index < 20; index++) {
      seen.push(
        await fetch(URL_).then(
          (response) => response.status,
          () => 'network-error',
        ),
      );
    }

    // Assess
    expect(seen).toEqual(expected);
  });

  it('drives the real SDK through mixed failures', async () => {
    // Prepare
    const ssm = faults.flaky(SSM_URL, {
      rate: 0.5,
      seed: 3,
      fault: { status: 500, body: { __type: 'InternalServerError' } },
      ok: { status: 200, body: ssmBody, headers: { 'content-type': 'application/x-amz-json-1.1' } },
    });
    server.use(ssm);
    const client = ssmClient();

    // Act
    const outcomes: string[] = [];
    for (let index = 0; index < 10; index++) {
      outcomes.push(
        await client.send(new GetParameterCommand({ Name: '/p' })).then(
          () => 'ok',
          (error: unknown) => (error as Error).name,
        ),
      );
    }

    // Assess
    expect(new Set(outcomes)).toEqual(new Set(['ok', 'InternalServerError']));
    expect(ssm.calls).toBe(10);
  });

  it.each([
    { options: { rate: 1.5, seed: 1, fault: 503 }, message: 'rate must be a number from 0 to 1, got 1.5' },
    { options: { rate: 0.5, seed: 1.5, fault: 503 }, message: 'seed must be an integer, got 1.5' },
    {
      options: { rate: 0.5, seed: 1, fault: 'boom' },
      message: 'faults.flaky: fault: unknown fault step "boom"',
    },
  ])('rejects $message', ({ options, message }) => {
    expect(() => faults.flaky(URL_, options as never)).toThrow(message);
  });
});

describe('faults.slowBody', () => {
  it('sends headers at once and the body a chunk per interval', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    server.use(faults.slowBody(URL_, { chunks: ['a', 'b', 'c'], intervalMs: 1_000 }));

    // Act
    const response = await fetch(URL_);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader.read();
    let second: ReadableStreamReadResult<string> | undefined;
    void reader.read().then((result) => {
      second = result;
    });
    await settle();
    const beforeInterval = second;
    await vi.advanceTimersByTimeAsync(1_000);
    await settle();
    const afterInterval = second;
    await vi.advanceTimersByTimeAsync(1_000);
    const rest = await reader.read();

    // Assess
    expect(response.status).toBe(200);
    expect(first.value).toBe('a');
    expect(beforeInterval).toBeUndefined();
    expect(afterInterval?.value).toBe('b');
    expect(rest.value).toBe('c');
    expect((await reader.read()).done).toBe(true);
  });

  it('leaves no timer behind once the reader cancels (the client drains the rest of a framed body)', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    server.use(faults.slowBody(URL_, { chunks: 10, intervalMs: 1_000 }));
    const response = await fetch(URL_);
    const reader = response.body!.getReader();
    await reader.read();

    // Act
    await reader.cancel();
    await settle();
    // The body has a content-length, so undici may read the rest to reuse the socket: the stream runs
    // out its chunks, then nothing is left.
    await vi.advanceTimersByTimeAsync(10 * 1_000);
    await settle();

    // Assess
    expect(vi.getTimerCount()).toBe(0);
  });

  it('feeds the real SDK a response body in slow chunks', async () => {
    // Prepare
    const json = JSON.stringify(ssmBody);
    server.use(
      faults.slowBody(SSM_URL, {
        chunks: [json.slice(0, 10), json.slice(10, 30), json.slice(30)],
        intervalMs: 5,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
      }),
    );

    // Act
    const out = await ssmClient().send(new GetParameterCommand({ Name: '/p' }));

    // Assess
    expect(out.Parameter?.Value).toBe('v');
  });

  it.each([
    { options: { chunks: 0, intervalMs: 1 }, message: 'chunks must be an integer >= 1 or an array, got 0' },
    {
      options: { chunks: [], intervalMs: 1 },
      message: 'chunks must be an integer >= 1 or a non-empty array',
    },
    {
      options: { chunks: 2, intervalMs: Number.NaN },
      message: 'intervalMs must be a number of ms >= 0 and <= 2147483647, got NaN',
    },
  ])('rejects $message', ({ options, message }) => {
    expect(() => faults.slowBody(URL_, options as never)).toThrow(message);
  });
});

describe('bad input', () => {
  it.each([
    {
      make: () => faults.latency(URL_, { ms: -1 }),
      message: 'faults.latency: ms must be a number of ms >= 0 and <= 2147483647, got -1',
    },
    {
      make: () => faults.status(URL_, 600),
      message: 'faults.status: status must be an integer HTTP status 100-599, got 600',
    },
    {
      make: () => faults.status(URL_, 429, { retryAfter: '' }),
      message: 'faults.status: retryAfter must be seconds >= 0, an HTTP date string or a Date, got ""',
    },
    { make: () => faults.hang(''), message: 'fault url must be a non-empty string or a RegExp' },
  ])('$message', ({ make, message }) => {
    expect(make).toThrow(TypeError);
    expect(make).toThrow(message);
  });

  it('names an unknown fault name', () => {
    const unknown = (faults as unknown as Record<string, unknown>).reset;
    expect(unknown).toBeUndefined();
    expect(() => faults.sequence(URL_, ['reset' as never])).toThrow('unknown fault step "reset"');
  });
});
