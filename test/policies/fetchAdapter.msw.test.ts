// dep.fetch against msw (in process, no socket): what reaches the server, what a failed status becomes,
// and what bufferBody changes, with the exact messages a user reads.
import { isTransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { useMswServer } from '@bulwark/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';

const server = useMswServer();
const URL_ORDERS = 'https://edna.test/orders';
const dep = () =>
  wrapDependency('edna', { logger: false, retry: false, timeout: { attemptMs: 2_000, totalMs: 4_000 } });

describe('dep.fetch: the request and the failed answer', () => {
  it('a POST reaches the server with its method, headers and body', async () => {
    // Prepare
    const seen: string[] = [];
    server.use(
      http.post(URL_ORDERS, async ({ request }) => {
        seen.push(request.method, request.headers.get('x-order') ?? '', await request.text());
        return HttpResponse.json({ ok: true }, { status: 201 });
      }),
    );
    // Act
    const response = (await dep().fetch(URL_ORDERS, {
      method: 'POST',
      headers: { 'x-order': '42' },
      body: '{"id":42}',
    })) as Response;
    // Assess
    expect(response.status).toBe(201);
    expect(seen).toEqual(['POST', '42', '{"id":42}']);
  });

  it('a 503 is a TransientError naming the method and the URL without its query', async () => {
    // Prepare
    server.use(http.get(URL_ORDERS, () => new HttpResponse('down', { status: 503 })));
    // Act
    const error = await dep()
      .fetch(`${URL_ORDERS}?token=s3cr3t`)
      .catch((e: unknown) => e);
    // Assess
    expect(isTransientError(error)).toBe(true);
    expect(error).toMatchObject({
      message: 'edna: GET https://edna.test/orders answered 503',
      status: 503,
      dependency: 'edna',
    });
    expect(Object.hasOwn(error as object, 'retryAfterMs')).toBe(false);
  });

  it('a HEAD answered 503 (no body to release) is a TransientError, not a TypeError', async () => {
    // Prepare
    server.use(http.head(URL_ORDERS, () => new HttpResponse(null, { status: 503 })));
    // Act
    const error = await dep()
      .fetch(URL_ORDERS, { method: 'HEAD' })
      .catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'TransientError',
      message: 'edna: HEAD https://edna.test/orders answered 503',
    });
  });

  it('an input whose text changes once fetch has read it is named "the request"', async () => {
    // Prepare: a hostile input, valid for fetch, then no URL at all.
    server.use(http.get(URL_ORDERS, () => new HttpResponse(null, { status: 500 })));
    let reads = 0;
    const input = { toString: () => (reads++ === 0 ? URL_ORDERS : 'not a url') };
    // Act
    const error = await dep()
      .fetch(input as unknown as string)
      .catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'TransientError', message: 'edna: GET the request answered 500' });
  });
});

describe('dep.fetch: fetch options', () => {
  it.each([
    [
      { bufferBdy: true },
      'edna.fetch: unknown option "bufferBdy"; did you mean "bufferBody"? Valid: bufferBody',
    ],
    [{ bufferBody: 'yes' }, 'edna.fetch: bufferBody must be a boolean, got "yes"'],
    [null, 'edna.fetch: options must be an object, got null'],
  ])('%j is refused', async (options, message) => {
    // Act + Assess
    await expect(dep().fetch(URL_ORDERS, undefined, options as never)).rejects.toThrow(
      new TypeError(message),
    );
  });

  it.each([[{}], [{ bufferBody: undefined }]])('%j fetches as without options', async (options) => {
    // Prepare
    server.use(http.get(URL_ORDERS, () => HttpResponse.text('ok')));
    // Act
    const response = (await dep().fetch(URL_ORDERS, undefined, options as never)) as Response;
    // Assess
    expect(await response.text()).toBe('ok');
  });

  it('bufferBody keeps the status, status text and headers', async () => {
    // Prepare
    server.use(
      http.get(URL_ORDERS, () =>
        HttpResponse.text('made', { status: 201, statusText: 'Made', headers: { 'x-order': '42' } }),
      ),
    );
    // Act
    const response = (await dep().fetch(URL_ORDERS, undefined, { bufferBody: true })) as Response;
    // Assess
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made');
    expect(response.headers.get('x-order')).toBe('42');
    expect(await response.text()).toBe('made');
  });

  it('bufferBody keeps the null body of a HEAD answer', async () => {
    // Prepare
    server.use(http.head(URL_ORDERS, () => new HttpResponse(null, { status: 200 })));
    // Act
    const response = (await dep().fetch(URL_ORDERS, { method: 'HEAD' }, { bufferBody: true })) as Response;
    // Assess
    expect(response.body).toBeNull();
  });

  it.each([
    ['false', { bufferBody: false }],
    ['left out', undefined],
  ])('with bufferBody %s, the call answers before its body has arrived', async (_, options) => {
    // Prepare: a body the test finishes by hand.
    let finish: () => void = () => undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('first '));
        finish = () => {
          controller.enqueue(new TextEncoder().encode('last'));
          controller.close();
        };
      },
    });
    server.use(http.get(URL_ORDERS, () => new HttpResponse(body)));
    // Act
    const response = (await dep().fetch(URL_ORDERS, undefined, options)) as Response;
    finish();
    // Assess
    expect(await response.text()).toBe('first last');
  });

  it("with bufferBody, the body is the call's: the caller's later abort does not touch it", async () => {
    // Prepare
    server.use(http.get(URL_ORDERS, () => HttpResponse.text('payload')));
    const controller = new AbortController();
    // Act
    const response = (await dep().fetch(
      URL_ORDERS,
      { signal: controller.signal },
      { bufferBody: true },
    )) as Response;
    controller.abort(new Error('caller gave up'));
    // Assess
    expect(await response.text()).toBe('payload');
  });
});
