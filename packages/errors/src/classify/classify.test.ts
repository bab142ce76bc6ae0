import { describe, expect, it } from 'vitest';
import { DependencyDownError, TransientError } from '../ResilienceError.js';
import { classify } from './classify.js';

const sys = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

// Values a careless or hostile caller could throw. classify must answer each without throwing.
const hostileProxy = new Proxy(
  {},
  {
    get() {
      throw new Error('get trap');
    },
    has() {
      throw new Error('has trap');
    },
    ownKeys() {
      throw new Error('ownKeys trap');
    },
    getPrototypeOf() {
      throw new Error('getPrototypeOf trap');
    },
  },
);
const revocable = Proxy.revocable({}, {});
revocable.revoke();
const throwingGetters = Object.defineProperties(new Error('x'), {
  name: {
    get: () => {
      throw new Error('name');
    },
  },
  code: {
    get: () => {
      throw new Error('code');
    },
  },
  cause: {
    get: () => {
      throw new Error('cause');
    },
  },
  status: {
    get: () => {
      throw new Error('status');
    },
  },
  response: {
    get: () => {
      throw new Error('response');
    },
  },
  issues: {
    get: () => {
      throw new Error('issues');
    },
  },
});
const cyclic: { cause?: unknown; message: string; name: string } = { name: 'Error', message: 'loop' };
cyclic.cause = cyclic;
const deep = Array.from({ length: 10_000 }).reduce<unknown>((cause) => ({ cause }), sys('ECONNRESET'));
const symbolName = Object.assign(new Error('x'), { name: Symbol('n'), code: Symbol('c') });
const nullProto = Object.assign(Object.create(null) as object, { code: 'ECONNRESET' });
const hugeAggregate = new AggregateError(Array.from({ length: 100_000 }, () => new Error('x')));
const responseWithHostileHeaders = {
  status: 503,
  headers: new Proxy(
    {},
    {
      get() {
        throw new Error('headers');
      },
      ownKeys() {
        throw new Error('keys');
      },
    },
  ),
};

describe('classify never throws', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'boom'],
    ['an empty string', ''],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a bigint', 10n],
    ['a symbol', Symbol('s')],
    ['a boolean', false],
    ['a function', () => {}],
    ['an empty object', {}],
    ['an array', [1, 2]],
    ['a hostile Proxy', hostileProxy],
    ['a revoked Proxy', revocable.proxy],
    ['an Error with throwing getters', throwingGetters],
    ['a cyclic cause chain', cyclic],
    ['a cause chain 10 000 deep', deep],
    ['symbols where strings belong', symbolName],
    ['a null-prototype object', nullProto],
    ['an AggregateError of 100 000', hugeAggregate],
    ['a response with hostile headers', responseWithHostileHeaders],
    ['a frozen Error', Object.freeze(new Error('frozen'))],
  ])('%s', (_label, value) => {
    // Act
    const got = classify(value);
    // Assess: a whole, valid classification
    expect(['transient', 'dependency-down', 'permanent', 'cancelled']).toContain(got.kind);
    expect(got.retryable).toBe(got.kind === 'transient');
    expect(got.httpStatus).toBeGreaterThanOrEqual(400);
    expect([401, 403]).not.toContain(got.httpStatus);
    expect(typeof got.message).toBe('string');
  });

  it('reads what it can through a throwing getter elsewhere on the object', () => {
    // Prepare
    const error = Object.defineProperty(sys('ECONNRESET'), 'cause', {
      get: () => {
        throw new Error('no');
      },
    });
    // Act + Assess
    expect(classify(error)).toMatchObject({ kind: 'transient', code: 'ECONNRESET' });
  });

  it('gives up beyond the depth bound rather than walking forever', () => {
    // Act + Assess: the reset sits 10 000 links down, far past 8
    expect(classify(deep)).toMatchObject({ kind: 'permanent', reason: 'unknown' });
  });
});

describe('classify walks the chain', () => {
  it('finds the socket code under fetch failed', () => {
    // Act + Assess
    expect(classify(new TypeError('fetch failed', { cause: sys('ECONNREFUSED') }))).toMatchObject({
      kind: 'transient',
      reason: 'network',
      code: 'ECONNREFUSED',
      httpStatus: 503,
    });
  });

  it('prefers a TimeoutError reason over the AbortError around it', () => {
    // Prepare: what Node's timers/promises throws when AbortSignal.timeout fires
    const error = Object.assign(new Error('The operation was aborted'), {
      name: 'AbortError',
      code: 'ABORT_ERR',
      cause: new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    });
    // Act + Assess
    expect(classify(error)).toMatchObject({ kind: 'transient', reason: 'timeout', httpStatus: 504 });
  });

  it("keeps a caller's AbortError cancelled when nothing deeper says more", () => {
    // Act + Assess
    expect(classify(new DOMException('aborted', 'AbortError'))).toMatchObject({
      kind: 'cancelled',
      retryable: false,
      countsTowardBreaker: false,
      httpStatus: 499,
    });
  });

  it('reads an aborted AbortSignal by its reason', () => {
    // Act + Assess
    expect(classify(AbortSignal.abort(new DOMException('t', 'TimeoutError')))).toMatchObject({
      reason: 'timeout',
    });
  });

  it('lets the outermost definite verdict win (our own error decided already)', () => {
    // Prepare
    const error = new DependencyDownError('edna is down', { dependency: 'edna', cause: sys('ECONNRESET') });
    // Act + Assess
    expect(classify(error)).toMatchObject({
      kind: 'dependency-down',
      dependency: 'edna',
      code: 'ECONNRESET',
    });
  });

  it('carries the Retry-After and status of the failure a wrapper wraps', () => {
    // Prepare: retries ran out on a 429 that said "come back in 30 s"
    const throttled = new Response(null, { status: 429, headers: { 'retry-after': '30' } });
    const error = new DependencyDownError('edna: retries exhausted', {
      dependency: 'edna',
      reason: 'retries-exhausted',
      cause: throttled,
    });
    // Act
    const got = classify(error);
    // Assess
    expect(got).toMatchObject({
      kind: 'dependency-down',
      reason: 'retries-exhausted',
      retryAfterMs: 30_000,
      status: 429,
    });
    expect(got.httpStatus).toBe(503);
  });

  it("does not let a cause's Retry-After override the wrapper's own", () => {
    // Prepare
    const error = new TransientError('x', {
      retryAfterMs: 1_000,
      cause: new Response(null, { status: 503, headers: { 'retry-after': '9' } }),
    });
    // Act + Assess
    expect(classify(error).retryAfterMs).toBe(1_000);
  });

  it('walks AggregateError.errors', () => {
    // Act + Assess
    expect(classify(new AggregateError([new Error('x'), sys('EHOSTUNREACH')]))).toMatchObject({
      code: 'EHOSTUNREACH',
      kind: 'transient',
    });
  });
});

describe('classify messages are safe', () => {
  it('never repeats the upstream message, a thrown string, or header values', () => {
    // Prepare
    const values = [
      'password=hunter2',
      new Error('token=abc123 leaked'),
      Object.assign(new Error('token=abc123'), { code: 'ECONNRESET' }),
      new Response('token=abc123', { status: 500, headers: { 'retry-after': '7', 'x-secret': 'abc123' } }),
    ];
    // Act
    const messages = values.map((value) => classify(value).message);
    // Assess
    for (const message of messages) {
      expect(message).not.toMatch(/hunter2|abc123/);
    }
  });

  it('names the dependency when one of our errors says it', () => {
    // Act + Assess
    expect(classify(new TransientError('x', { dependency: 'edna' })).message).toMatch(/^edna: /);
  });
});
