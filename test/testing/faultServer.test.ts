// The real-socket fault server, driven by real fetch (undici) and the real AWS SDK (node:http).
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type FaultServer, startFaultServer } from '@bulwark/testing';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterEach, describe, expect, it, vi } from 'vitest';

let server: FaultServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.restoreAllMocks();
});

async function rejection(promise: Promise<unknown>): Promise<Error & { cause?: { code?: string } }> {
  try {
    await promise;
  } catch (error: unknown) {
    return error as Error & { cause?: { code?: string } };
  }
  throw new Error('expected a rejection, got a value');
}

function ssmAt(url: string, requestTimeout?: number): SSMClient {
  return new SSMClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    maxAttempts: 1,
    ...(requestTimeout === undefined
      ? {}
      : { requestHandler: new NodeHttpHandler({ requestTimeout, throwOnRequestTimeout: true }) }),
  });
}

describe('startFaultServer', () => {
  it('listens on 127.0.0.1 on a free port and answers scripted responses in order', async () => {
    // Prepare
    server = await startFaultServer([
      { status: 503, headers: { 'retry-after': '1' } },
      { status: 200, body: { ok: true } },
    ]);

    // Act
    const first = await fetch(`${server.url}/a`);
    const second = await fetch(`${server.url}/b`, { method: 'POST', body: 'x' });

    // Assess
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(await second.json()).toEqual({ ok: true });
    expect(server.hits).toBe(2);
    expect(server.requests).toEqual(['GET /a', 'POST /b']);
  });

  it("'reset' sends a TCP RST before any response: fetch fails with ECONNRESET", async () => {
    // Prepare
    server = await startFaultServer(['reset']);

    // Act
    const error = await rejection(fetch(server.url));

    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect(error.cause?.code).toBe('ECONNRESET');
    expect(server.hits).toBe(1);
  });

  it("'reset-mid-body' gives status and headers, then resets while the body is read", async () => {
    // Prepare
    server = await startFaultServer(['reset-mid-body']);

    // Act
    const response = await fetch(server.url);
    const error = await rejection(response.text());

    // Assess
    expect(response.status).toBe(200);
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error.cause?.code ?? error.message)).toMatch(/ECONNRESET|terminated|other side closed/);
  });

  it("'hang' never answers until the client aborts, and leaves no socket open", async () => {
    // Prepare
    server = await startFaultServer(['hang']);
    const controller = new AbortController();
    let settled = false;

    // Act
    const call = fetch(server.url, { signal: controller.signal }).finally(() => {
      settled = true;
    });
    await vi.waitFor(() => expect(server?.hits).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const settledBeforeAbort = settled;
    const openWhileHanging = server.connections;
    controller.abort();
    const error = await rejection(call);
    await vi.waitFor(() => expect(server?.connections).toBe(0));

    // Assess
    expect(settledBeforeAbort).toBe(false);
    expect(openWhileHanging).toBe(1);
    expect(error.name).toBe('AbortError');
  });

  it('close() ends a hanging connection and resolves with nothing left open', async () => {
    // Prepare
    server = await startFaultServer(['hang']);
    const call = fetch(server.url).catch((error: unknown) => error as Error);
    await vi.waitFor(() => expect(server?.hits).toBe(1));

    // Act
    await server.close();
    const error = await call;

    // Assess
    expect(server.connections).toBe(0);
    expect(server.listening).toBe(false);
    expect(error).toBeInstanceOf(TypeError);
    await server.close(); // twice is fine
  });

  it('{ slowHeadersMs } holds the status line back for that long', async () => {
    // Prepare
    server = await startFaultServer([{ slowHeadersMs: 150, status: 202 }]);
    const started = performance.now();

    // Act
    const response = await fetch(server.url);
    const elapsed = performance.now() - started;

    // Assess
    expect(response.status).toBe(202);
    expect(elapsed).toBeGreaterThanOrEqual(140);
  });

  it("'refuse' drops the connection and stops listening: later connects get ECONNREFUSED", async () => {
    // Prepare
    server = await startFaultServer([{ status: 200 }, 'refuse']);
    await (await fetch(server.url)).text();

    // Act
    const during = await rejection(fetch(server.url));
    const after = await rejection(fetch(server.url));

    // Assess
    expect(during.cause?.code).toBe('ECONNRESET');
    expect(after.cause?.code).toBe('ECONNREFUSED');
    expect(server.listening).toBe(false);
    expect(server.hits).toBe(2);
  });

  it('takes a function script of the hit number', async () => {
    // Prepare
    server = await startFaultServer((hit) => (hit % 2 === 0 ? { status: 500 } : { status: 200 }));

    // Act
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await fetch(server.url)).status);

    // Assess
    expect(statuses).toEqual([500, 200, 500, 200]);
  });

  it('answers a request beyond the script with a 500 naming the step count, and records it', async () => {
    // Prepare
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    server = await startFaultServer([{ status: 200 }]);
    await fetch(server.url);

    // Act
    const response = await fetch(`${server.url}/again`);

    // Assess
    expect(response.status).toBe(500);
    expect(await response.text()).toBe(
      'startFaultServer script ran out: request #2 (GET /again) but the script has only 1 step',
    );
    expect(server.errors).toHaveLength(1);
  });

  it.each([
    { script: ['explode'], message: 'startFaultServer step 0: unknown fault server step "explode"' },
    {
      script: [{ status: 700 }],
      message: 'startFaultServer step 0.status must be an integer HTTP status 100-599, got 700',
    },
    {
      script: [{ slowHeadersMs: -1 }],
      message: 'startFaultServer step 0: slowHeadersMs must be a number of ms >= 0 and <= 2147483647, got -1',
    },
    {
      script: 'reset',
      message: 'startFaultServer: script must be an array of steps or a function, got "reset"',
    },
  ])('rejects a bad script: $message', async ({ script, message }) => {
    await expect(startFaultServer(script as never)).rejects.toThrow(TypeError);
    await expect(startFaultServer(script as never)).rejects.toThrow(message);
  });
});

describe('startFaultServer with the real AWS SDK', () => {
  it('a reset surfaces as ECONNRESET from the SDK', async () => {
    // Prepare
    server = await startFaultServer(['reset']);

    // Act
    const error = await rejection(ssmAt(server.url).send(new GetParameterCommand({ Name: '/p' })));

    // Assess
    expect((error as { code?: string }).code).toBe('ECONNRESET');
  });

  it("a hang is cut by the SDK's requestTimeout and the socket is released", async () => {
    // Prepare
    server = await startFaultServer(['hang']);

    // Act
    const error = await rejection(ssmAt(server.url, 100).send(new GetParameterCommand({ Name: '/p' })));
    await vi.waitFor(() => expect(server?.connections).toBe(0));

    // Assess
    expect(error.name).toBe('TimeoutError');
  });

  it('a scripted JSON answer is read by the SDK', async () => {
    // Prepare
    server = await startFaultServer([
      {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: { Parameter: { Name: '/p', Value: 'from the socket', Version: 3, Type: 'String' } },
      },
    ]);

    // Act
    const out = await ssmAt(server.url).send(new GetParameterCommand({ Name: '/p' }));

    // Assess
    expect(out.Parameter?.Value).toBe('from the socket');
    expect(server.requests).toEqual(['POST /']);
  });
});
