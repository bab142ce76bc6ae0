// Every option check of httpHandler / httpMiddleware at its boundary: the value just inside is accepted (and
// shows in the normalised options), the one just past it is refused with the exact message a user reads.

import { Logger } from '@aws-lambda-powertools/logger';
import { MAX_TIMER_MS } from '@bulwark/errors';
import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { orderSchema } from '../__support__/standardSchema.js';
import type { HttpHandlerOptions } from './HttpHandlerOptions.js';
import { normalizeHttpOptions } from './normalizeHttpOptions.js';

const logger = new CapturingLogger();
const normalize = (options: Record<string, unknown>) =>
  normalizeHttpOptions({ logger, ...options } as HttpHandlerOptions);
const refusal = (message: string) => new TypeError(`httpHandler: ${message}`);
const DEPENDENCY_RULE = 'must be a dependency with a string `name` and a `state` (wrapDependency)';

describe('normalizeHttpOptions: body', () => {
  it.each(['json', 'text'] as const)('accepts %s', (body) => {
    // Act + Assess
    expect(normalize({ body }).body).toBe(body);
  });

  it('refuses another body kind', () => {
    // Act + Assess
    expect(() => normalize({ body: 'yaml' })).toThrow(refusal(`body must be 'json' or 'text', got "yaml"`));
  });
});

describe('normalizeHttpOptions: schema', () => {
  it('applies a single schema to a request with a body whatever its method, and to any method but GET, HEAD, DELETE and OPTIONS without one', () => {
    // Act
    const { schemaFor } = normalize({ schema: orderSchema });
    // Assess
    expect(schemaFor('POST', false)).toBe(orderSchema);
    expect(schemaFor('PATCH', true)).toBe(orderSchema);
    expect(schemaFor('GET', true)).toBe(orderSchema);
    for (const method of ['GET', 'HEAD', 'DELETE', 'OPTIONS'])
      expect(schemaFor(method, false)).toBeUndefined();
  });

  it('applies a schema by method only to its method', () => {
    // Act
    const { schemaFor } = normalize({ schema: { POST: orderSchema } });
    // Assess
    expect(schemaFor('POST', true)).toBe(orderSchema);
    expect(schemaFor('PUT', true)).toBeUndefined();
  });

  it.each([
    ['a string', 'nope', '"nope"'],
    ['null', null, 'null'],
    ['an empty object', {}, 'an object'],
  ])('refuses %s, saying both forms it takes', (_label, schema, got) => {
    // Act + Assess
    expect(() => normalize({ schema })).toThrow(
      refusal(
        `schema must be a Standard Schema or an object of them by method ({ POST: schema }), got ${got}`,
      ),
    );
  });

  it('refuses an object whose keys cannot be listed, naming the field', () => {
    // Prepare
    const schema = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
      },
    );
    // Act + Assess
    expect(() => normalize({ schema })).toThrow(
      refusal('schema must be an object that can be read (a Proxy or a getter threw), got an object'),
    );
  });

  it.each([
    ['lower case', 'post'],
    ['not a token', 'PO ST'],
  ])('refuses a method key in %s, showing the fix', (_label, method) => {
    // Act + Assess
    expect(() => normalize({ schema: { [method]: orderSchema } })).toThrow(
      refusal(
        `schema.${method} must be an upper-case HTTP method name, got "${method}"; write { POST: schema }`,
      ),
    );
  });

  it('refuses a method whose value is not a Standard Schema', () => {
    // Act + Assess
    expect(() => normalize({ schema: { POST: orderSchema, PUT: { validate: () => true } } })).toThrow(
      refusal(
        "schema.PUT must be a Standard Schema (an object with a '~standard' validate function), got an object",
      ),
    );
  });
});

describe('normalizeHttpOptions: correlationIdHeader and typeBase', () => {
  it('lower-cases the header name it accepts', () => {
    // Act + Assess
    expect(normalize({ correlationIdHeader: 'X-Request-Id' }).correlationIdHeader).toBe('x-request-id');
  });

  it.each([
    [42, '42'],
    ['bad header', '"bad header"'],
  ])('refuses %o as a header name', (correlationIdHeader, got) => {
    // Act + Assess
    expect(() => normalize({ correlationIdHeader })).toThrow(
      refusal(`correlationIdHeader must be a header name, got ${got}`),
    );
  });

  it('keeps a typeBase and refuses an empty or non-string one', () => {
    // Act + Assess
    expect(normalize({ typeBase: 'https://errors.example.com/' }).typeBase).toBe(
      'https://errors.example.com/',
    );
    expect(normalize({}).typeBase).toBeUndefined();
    expect(() => normalize({ typeBase: '' })).toThrow(
      refusal('typeBase must be a non-empty URI string, got ""'),
    );
    expect(() => normalize({ typeBase: 7 })).toThrow(
      refusal('typeBase must be a non-empty URI string, got 7'),
    );
  });
});

describe('normalizeHttpOptions: deadline', () => {
  it.each([
    [0, 0],
    [MAX_TIMER_MS, MAX_TIMER_MS],
    [undefined, 500],
  ])('accepts a safety margin of %s ms (%s ms in effect)', (safetyMarginMs, expected) => {
    // Act + Assess
    expect(normalize({ deadline: { safetyMarginMs } }).safetyMarginMs).toBe(expected);
  });

  it('has no margin with deadline: false', () => {
    // Act + Assess
    expect(normalize({ deadline: false }).safetyMarginMs).toBeUndefined();
  });

  it.each([
    [-1, '-1'],
    [MAX_TIMER_MS + 1, String(MAX_TIMER_MS + 1)],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['5', '"5"'],
  ])('refuses a safety margin of %o', (safetyMarginMs, got) => {
    // Act + Assess
    expect(() => normalize({ deadline: { safetyMarginMs } })).toThrow(
      refusal(`deadline.safetyMarginMs must be a number of ms between 0 and ${MAX_TIMER_MS}, got ${got}`),
    );
  });

  it.each([
    [5, '5'],
    [true, 'true'],
    [null, 'null'],
  ])('refuses deadline: %o, saying false is the way to turn it off', (deadline, got) => {
    // Act + Assess
    expect(() => normalize({ deadline })).toThrow(refusal(`deadline must be an object or false, got ${got}`));
  });

  it('names the nested field of an unknown deadline key', () => {
    // Act + Assess
    expect(() => normalize({ deadline: { safetyMargin: 1 } })).toThrow(
      refusal('unknown option "deadline.safetyMargin"; did you mean "safetyMarginMs"? Valid: safetyMarginMs'),
    );
  });
});

describe('normalizeHttpOptions: defaultRetryAfterSeconds', () => {
  it.each([
    [1, 1_000],
    [120, 120_000],
    [undefined, 5_000],
  ])('accepts %s s (%s ms)', (defaultRetryAfterSeconds, ms) => {
    // Act + Assess
    expect(normalize({ defaultRetryAfterSeconds }).defaultRetryAfterMs).toBe(ms);
  });

  it.each([
    [0, '0'],
    [121, '121'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    ['5', '"5"'],
  ])('refuses %o', (defaultRetryAfterSeconds, got) => {
    // Act + Assess
    expect(() => normalize({ defaultRetryAfterSeconds })).toThrow(
      refusal(`defaultRetryAfterSeconds must be an integer between 1 and 120, got ${got}`),
    );
  });
});

describe('normalizeHttpOptions: dependencies', () => {
  it('keeps the dependencies it accepts', () => {
    // Prepare
    const dependencies = [{ name: 'edna', state: 'closed' }];
    // Act + Assess
    expect(normalize({ dependencies }).dependencies).toBe(dependencies);
  });

  it('refuses a value that is not an array', () => {
    // Act + Assess
    expect(() => normalize({ dependencies: 'edna' })).toThrow(
      refusal('dependencies must be an array of dependencies, got "edna"'),
    );
  });

  it.each([
    ['null', null, 'null'],
    ['a number', 5, '5'],
    ['a function with a name and a state', Object.assign(() => undefined, { state: 'closed' }), 'a function'],
    ['a name that is not a string', { name: 5, state: 'closed' }, 'an object'],
    ['no state', { name: 'edna' }, 'an object'],
  ])('refuses %s, naming its index', (_label, dep, got) => {
    // Act + Assess
    expect(() => normalize({ dependencies: [{ name: 'ok', state: 'closed' }, dep] })).toThrow(
      refusal(`dependencies[1] ${DEPENDENCY_RULE}, got ${got}`),
    );
  });
});

describe('normalizeHttpOptions: logger and classify', () => {
  it('makes a Powertools Logger when none is given, and keeps the one given', () => {
    // Act + Assess
    expect(normalizeHttpOptions({}).logger).toBeInstanceOf(Logger);
    expect(normalize({}).logger).toBe(logger);
  });

  it('refuses a logger without the four level methods', () => {
    // Act + Assess
    expect(() => normalize({ logger: { info: () => undefined } })).toThrow(
      refusal(
        'logger must be a logger with debug, info, warn and error methods (a Powertools Logger fits), got an object',
      ),
    );
  });

  it('keeps a classify function and refuses anything else', () => {
    // Prepare
    const classify = () => ({ kind: 'permanent' as const, retryable: false });
    // Act + Assess
    expect(normalize({ classify }).classify).toBe(classify);
    expect(() => normalize({ classify: 'transient' })).toThrow(
      refusal('classify must be a function, got "transient"'),
    );
  });
});
