import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TransientError } from '../ResilienceError.js';
import { serializeError } from './serializeError.js';

const SECRET = 'PLANTED-SECRET-7f3a9c';

function axiosShaped(): Error {
  return Object.assign(new Error('Request failed with status code 503'), {
    name: 'AxiosError',
    code: 'ERR_BAD_RESPONSE',
    config: {
      headers: { Authorization: `Bearer ${SECRET}` },
      url: `https://api.example.com/x?api_key=${SECRET}`,
    },
    response: { status: 503, data: { token: SECRET }, headers: { 'set-cookie': `sid=${SECRET}` } },
  });
}

function sdkShaped(): Error {
  return Object.assign(new Error('Service Unavailable'), {
    name: 'ServiceUnavailableException',
    $fault: 'server',
    $metadata: { httpStatusCode: 503, requestId: 'r1' },
    $response: { headers: { 'x-amz-security-token': SECRET }, body: SECRET },
  });
}

describe('serializeError', () => {
  it('keeps name, message, code, classification and the cause chain', () => {
    const inner = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const outer = new TypeError('fetch failed', { cause: inner });
    const got = serializeError(outer, { stack: false });
    expect(got).toEqual({
      name: 'TypeError',
      message: 'fetch failed',
      kind: 'transient',
      reason: 'network',
      retryable: true,
      cause: [{ name: 'Error', code: 'ECONNRESET' }],
    });
  });

  it('carries status and retry hint of a classified error', () => {
    const got = serializeError(new TransientError('throttled', { status: 429, retryAfterMs: 2000 }));
    expect(got).toMatchObject({ name: 'TransientError', kind: 'transient', status: 429, retryAfterMs: 2000 });
    expect(got.stack).toMatch(/^TransientError: throttled\n/);
  });

  it.each([
    ['axios', axiosShaped],
    ['aws sdk', sdkShaped],
  ])('writes nothing of a %s error but its safe fields', (_shape, make) => {
    const text = JSON.stringify(serializeError(make()));
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/config|headers|response|\$metadata|data/);
  });

  it('redacts a URL query and a bearer token inside the message and the stack', () => {
    const error = new Error(`GET https://h.example/p?api_key=${SECRET} failed: Bearer ${SECRET}`);
    const got = serializeError(error);
    expect(got.message).toBe('GET https://h.example/p failed: Bearer [redacted]');
    expect(got.stack).not.toContain(SECRET);
  });

  it('describes a thrown non-Error without its contents', () => {
    expect(serializeError({ token: SECRET })).toMatchObject({ name: 'Error', message: '' });
    expect(serializeError('boom')).toMatchObject({
      name: 'NonError',
      message: 'a non-Error value was thrown: "boom"',
    });
  });

  it('survives cycles, revoked proxies and throwing getters', () => {
    const a: Record<string, unknown> = new Error('a') as never;
    const b = new Error('b', { cause: a });
    a.cause = b;
    const { proxy, revoke } = Proxy.revocable(new Error('p'), {});
    revoke();
    const getter = Object.defineProperty(new Error('g'), 'message', {
      get() {
        throw new Error('no');
      },
    });
    expect(serializeError(a).cause).toEqual([{ name: 'Error' }]);
    expect(serializeError(proxy).name).toBe('Error');
    expect(serializeError(getter).message).toBe('');
  });

  it('never throws and never echoes a planted secret, whatever is thrown', () => {
    const withSecret = fc.oneof(
      fc.anything().map((v) => ({ v, token: SECRET })),
      fc
        .anything()
        .map((v) => Object.assign(new Error('x'), { config: { headers: { authorization: SECRET } }, v })),
      fc.string().map((s) => new Error(`${s} https://x.example/?secret=${SECRET}`)),
      fc.anything().map((v) => new Error('wrap', { cause: { v, response: { body: SECRET } } })),
    );
    fc.assert(
      fc.property(withSecret, (thrown) => {
        const text = JSON.stringify(serializeError(thrown));
        expect(text).not.toContain(SECRET);
        expect(text.length).toBeLessThan(8_000);
      }),
    );
  });

  it('names the dependency, redacted and bounded at 100 characters', () => {
    // Prepare
    const named = new TransientError('x', { dependency: 'edna?token=abc' });
    const long = new TransientError('x', { dependency: 'd'.repeat(120) });
    // Act + Assess
    expect(serializeError(named).dependency).toBe('edna?token=[redacted]');
    expect(serializeError(long).dependency).toBe(`${'d'.repeat(99)}…`);
  });

  it('names a non-object cause NonError and lists at most 8 causes', () => {
    // Prepare
    let deep: unknown = new Error('bottom');
    for (let i = 0; i < 10; i++) deep = new Error(`level ${i}`, { cause: deep });
    // Act + Assess
    expect(serializeError(new Error('x', { cause: 'boom' }), { stack: false }).cause).toEqual([
      { name: 'NonError' },
    ]);
    expect(serializeError(deep).cause).toHaveLength(8);
  });

  it('bounds the name at 100, the message at 1,000 and the stack at 4,000 characters', () => {
    // Prepare
    const error = Object.assign(new Error('m'.repeat(2_000)), {
      name: 'N'.repeat(150),
      stack: 's'.repeat(5_000),
    });
    // Act
    const got = serializeError(error);
    // Assess
    expect([got.name.length, got.message.length, got.stack?.length]).toEqual([100, 1_000, 4_000]);
  });

  it('keeps a stack on its lines', () => {
    // Act + Assess
    expect(
      serializeError(Object.assign(new Error('x'), { stack: 'Error: x\n    at f (a.js:1:1)' })).stack,
    ).toBe('Error: x\n    at f (a.js:1:1)');
  });

  it.each([
    [503, '503'],
    ['', undefined],
    [Number.NaN, undefined],
    [{ code: 'x' }, undefined],
    ['E'.repeat(150), `${'E'.repeat(99)}…`],
  ])('code %o is written as %o', (code, written) => {
    // Act
    const got = serializeError(Object.assign(new Error('x'), { code }), { stack: false });
    // Assess
    expect(got.code).toBe(written);
    expect(Object.hasOwn(got, 'code')).toBe(written !== undefined);
  });

  it('names an error with an empty name Error, and leaves out a stack it was told to', () => {
    // Act
    const got = serializeError(Object.assign(new Error('x'), { name: '' }), { stack: false });
    // Assess
    expect(got.name).toBe('Error');
    expect(Object.hasOwn(got, 'stack')).toBe(false);
  });

  it('uses a classification it is given instead of classifying again', () => {
    // Prepare: a plain Error would be "unknown"; the caller already knows better
    const classification = {
      kind: 'transient',
      reason: 'throttled',
      retryable: true,
      countsTowardBreaker: true,
      httpStatus: 503,
      message: 'x',
      status: 429,
      retryAfterMs: 1_000,
      dependency: 'edna',
    } as const;
    // Act + Assess
    expect(serializeError(new Error('x'), { stack: false, classification })).toEqual({
      name: 'Error',
      message: 'x',
      kind: 'transient',
      reason: 'throttled',
      retryable: true,
      status: 429,
      retryAfterMs: 1_000,
      dependency: 'edna',
    });
  });
});
