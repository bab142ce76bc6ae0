// What ssmBreakerState is given to read and report with (provider, client, logger, metrics): each is
// checked for the methods it must have at construction, with the exact message a caller reads, and the
// default logger writes one JSON line per event.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalizeSsmBreakerStateOptions } from './ssmBreakerStateOptions.js';

const NAME = '/bulwark/breakers/edna';
const normalize = (extra: Record<string, unknown>) =>
  normalizeSsmBreakerStateOptions({ parameterName: NAME, ...extra });
const noop = (): undefined => undefined;

/** An object whose every property read throws (a hostile or revoked stand-in). */
const throwingProxy = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('no');
      },
    },
  );

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ssmBreakerState provider', () => {
  const refusal = (shown: string) =>
    new TypeError(
      `ssmBreakerState: provider must be a Powertools SSMProvider (an object with get()) or a function returning one, got ${shown}`,
    );

  it('accepts an object with get() and a factory function, as given', () => {
    const reader = { get: noop };
    const factory = () => reader;
    expect(normalize({ provider: reader }).provider).toBe(reader);
    expect(normalize({ provider: factory }).provider).toBe(factory);
  });

  it.each([
    [{}, 'an object'],
    [{ get: 1 }, 'an object'],
    [null, 'null'],
    ['ssm', '"ssm"'],
  ])('refuses %o with the whole message', (provider, shown) => {
    expect(() => normalize({ provider })).toThrow(refusal(shown));
  });

  it('refuses a provider whose get cannot be read', () => {
    expect(() => normalize({ provider: throwingProxy() })).toThrow(refusal('an object'));
  });

  it('refuses a provider and a client together', () => {
    expect(() => normalize({ provider: { get: noop }, client: { send: noop } })).toThrow(
      new TypeError(
        'ssmBreakerState: give provider or client, not both (a provider already holds its client)',
      ),
    );
  });
});

describe('ssmBreakerState client', () => {
  it('accepts an object with send(), as given', () => {
    const client = { send: noop };
    expect(normalize({ client }).client).toBe(client);
  });

  it.each([
    [{}, 'an object'],
    [{ send: 'x' }, 'an object'],
    [null, 'null'],
  ])('refuses %o with the whole message', (client, shown) => {
    expect(() => normalize({ client })).toThrow(
      new TypeError(
        `ssmBreakerState: client must be an SSMClient of @aws-sdk/client-ssm (an object with send()), got ${shown}`,
      ),
    );
  });
});

describe('ssmBreakerState logger', () => {
  const refusal = (shown: string) =>
    new TypeError(
      `ssmBreakerState: logger must be an object with warn() and info() (Powertools Logger, console), got ${shown}`,
    );

  it('accepts an object with warn() and info(), and a function carrying both, as given', () => {
    const logger = { warn: noop, info: noop };
    const fn = Object.assign(() => undefined, { warn: noop, info: noop });
    expect(normalize({ logger }).logger).toBe(logger);
    expect(normalize({ logger: fn }).logger).toBe(fn);
  });

  it.each([
    [{ warn: noop }, 'an object'],
    [{ info: noop }, 'an object'],
    [{}, 'an object'],
    [null, 'null'],
    [false, 'false'],
  ])('refuses %o with the whole message', (logger, shown) => {
    expect(() => normalize({ logger })).toThrow(refusal(shown));
  });

  it('refuses a logger whose methods cannot be read', () => {
    expect(() => normalize({ logger: throwingProxy() })).toThrow(refusal('an object'));
  });

  it('writes one JSON line per event to console when none is given', () => {
    // Prepare
    const warn = vi.spyOn(console, 'warn').mockImplementation(noop);
    const info = vi.spyOn(console, 'info').mockImplementation(noop);
    const { logger } = normalize({});

    // Act
    logger.warn('Shared breaker state is stale', { ageMs: 1 });
    logger.info('Shared breaker state readable again', { afterFailures: 2 });

    // Assess
    expect(warn.mock.calls).toEqual([
      ['{"level":"WARN","message":"Shared breaker state is stale","ageMs":1}'],
    ]);
    expect(info.mock.calls).toEqual([
      ['{"level":"INFO","message":"Shared breaker state readable again","afterFailures":2}'],
    ]);
  });
});

describe('ssmBreakerState metrics', () => {
  it('accepts an object with addMetric(), as given', () => {
    const metrics = { addMetric: noop };
    expect(normalize({ metrics }).metrics).toBe(metrics);
  });

  it.each([
    [{}, 'an object'],
    [{ addMetric: {} }, 'an object'],
    [0, '0'],
  ])('refuses %o with the whole message', (metrics, shown) => {
    expect(() => normalize({ metrics })).toThrow(
      new TypeError(
        `ssmBreakerState: metrics must be an object with addMetric() (Powertools Metrics), got ${shown}`,
      ),
    );
  });
});
