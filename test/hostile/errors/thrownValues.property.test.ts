// Property: whatever is thrown (cycles, Proxies, revoked Proxies, throwing getters and toJSON, null
// prototypes, huge strings), classify, toError, toHttpStatus and toProblemDetails never throw, and never
// echo a secret planted where secrets live (query strings, tokens, headers, bodies, configs).
import { classify, toError, toHttpStatus, toProblemDetails } from '@bulwark/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const SECRET = 'PLANTEDsecretVALUE9';
const SECRET_TEXTS = [
  `GET https://edna.internal/orders?token=${SECRET}`,
  `Authorization: Bearer ${SECRET}`,
  `password=${SECRET}`,
  `https://user:${SECRET}@edna.internal/`,
  `x-amz-security-token: ${SECRET}`,
];
const secretText = fc.constantFrom(...SECRET_TEXTS);
const KEYS = [
  'message',
  'name',
  'code',
  'status',
  'statusCode',
  'headers',
  'config',
  'body',
  'response',
  '$response',
  '$metadata',
  'cause',
  'errors',
  'retryAfterMs',
  'dependency',
  'reason',
  'data',
  'request',
];

const primitive = fc.oneof(
  fc.constantFrom(undefined, null, 0, -0, Number.NaN, Infinity, 429, 503, 1e308, true, '', 'ECONNRESET'),
  fc.string(),
  secretText,
  fc.bigInt(),
  fc.constant(Symbol('thrown')),
  fc.integer({ min: 1, max: 3 }).map((n) => `x${'y'.repeat(n * 100_000)}${SECRET_TEXTS[0]}`),
);

// fast-check inspects generated values (to clone them), and a revoked Proxy would break it: so the
// arbitrary generates a plain recipe, and the hostile value is built from it inside the property.
type Recipe =
  | { readonly primitive: unknown }
  | { readonly object: Readonly<Record<string, Recipe>> }
  | { readonly array: readonly Recipe[] }
  | { readonly error: string; readonly cause: Recipe }
  | { readonly hostile: string; readonly inner: Recipe };

const { recipe } = fc.letrec<{ recipe: Recipe }>((tie) => ({
  recipe: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primitive.map((value) => ({ primitive: value })),
    fc.dictionary(fc.constantFrom(...KEYS), tie('recipe'), { maxKeys: 5 }).map((object) => ({ object })),
    fc.array(tie('recipe'), { maxLength: 3 }).map((array) => ({ array })),
    fc.tuple(secretText, tie('recipe')).map(([error, cause]) => ({ error, cause })),
    fc.tuple(fc.constantFrom(...KEYS), tie('recipe')).map(([hostile, inner]) => ({ hostile, inner })),
  ),
}));

function build(r: Recipe): unknown {
  if ('primitive' in r) return r.primitive;
  if ('object' in r) return Object.fromEntries(Object.entries(r.object).map(([k, v]) => [k, build(v)]));
  if ('array' in r) return r.array.map(build);
  if ('error' in r) return new Error(r.error, { cause: build(r.cause) });
  return hostile(r.hostile, build(r.inner));
}

/** One of the hostile shapes, built around `inner`. */
function hostile(key: string, inner: unknown): unknown {
  const pick = key.length % 7;
  if (pick === 0) {
    const cycle: Record<string, unknown> = { message: SECRET_TEXTS[1], headers: { authorization: SECRET } };
    cycle.cause = cycle;
    cycle[key] = cycle;
    return cycle;
  }
  if (pick === 1) {
    return new Proxy(
      {},
      {
        get: () => {
          throw new Error(`trap ${SECRET_TEXTS[2]}`);
        },
        ownKeys: () => {
          throw new Error('no keys');
        },
        getPrototypeOf: () => {
          throw new Error('no prototype');
        },
      },
    );
  }
  if (pick === 2) {
    const { proxy, revoke } = Proxy.revocable({ message: SECRET_TEXTS[0] }, {});
    revoke();
    return proxy;
  }
  if (pick === 3) {
    return Object.defineProperty({ name: 'Error', headers: { cookie: SECRET } }, key, {
      enumerable: true,
      get() {
        throw new Error(SECRET_TEXTS[3]);
      },
    });
  }
  if (pick === 4) {
    return {
      message: SECRET_TEXTS[4],
      toJSON() {
        throw new Error(SECRET);
      },
      toString() {
        throw new Error(SECRET);
      },
      cause: inner,
    };
  }
  if (pick === 5) {
    const bare = Object.create(null) as Record<string, unknown>;
    bare[key] = inner;
    bare.message = SECRET_TEXTS[0];
    bare.body = { token: SECRET };
    return bare;
  }
  return {
    status: 503,
    headers: { 'retry-after': '2', authorization: `Bearer ${SECRET}` },
    body: SECRET,
    cause: inner,
  };
}

function clean(label: string, output: unknown): void {
  const text = typeof output === 'string' ? output : (JSON.stringify(output) ?? '');
  expect(text.includes(SECRET), `${label} echoed the secret: ${text.slice(0, 300)}`).toBe(false);
}

describe('thrown values (property)', () => {
  it('never throw and never echo a planted secret', () => {
    fc.assert(
      fc.property(recipe, (r) => {
        const value = build(r);
        clean('classify', classify(value));
        expect(Number.isInteger(toHttpStatus(value))).toBe(true);
        clean('toProblemDetails', toProblemDetails(value, { instance: 'urn:request:1' }));
        const error = toError(value);
        expect(error).toBeInstanceOf(Object);
        if (error !== value) {
          clean('toError message', error.message);
          clean('toError stack', error.stack);
        }
      }),
      { numRuns: 1_500, seed: 20261202 },
    );
  });
});
