// Must hold (issue 10): arbitrary option objects for ssmBreakerState either construct or throw a
// TypeError that names a field; never another error, never an unknown key accepted.
import type { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { type SsmBreakerStateOptions, ssmBreakerState } from '@bulwark/policies';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const KNOWN = [
  'parameterName',
  'maxAgeSeconds',
  'readTimeoutMs',
  'refreshTimeoutMs',
  'staleAfterSeconds',
  'maxBackoffSeconds',
  'logIntervalSeconds',
  'retryHintMs',
  'dependency',
  'provider',
  'client',
  'logger',
  'metrics',
] as const;

/** A provider that answers nothing, so a constructed state never reaches the network. */
const quiet = { get: () => Promise.resolve(undefined) } as unknown as SSMProvider;
const silent = { warn: () => undefined, info: () => undefined };

const anyValue = fc.oneof(
  fc.double(),
  fc.integer({ min: -10, max: 2 ** 32 }),
  fc.constantFrom(0, -0, 1, 5, 300, 3000, 2 ** 31, Number.NaN, Number.POSITIVE_INFINITY, 1e308),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('/bulwark/breakers/edna', 'edna', '', 'x'.repeat(3000), '/a\nb'),
  fc.constantFrom(null, undefined, true, false, 10n, Symbol('s')),
  fc.constantFrom(
    {},
    [],
    () => undefined,
    quiet,
    silent,
    new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    ),
  ),
  fc.anything(),
);

const optionsArb = fc.record(
  {
    known: fc.dictionary(fc.constantFrom(...KNOWN), anyValue, { maxKeys: 6 }),
    unknown: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), anyValue, { maxKeys: 2 }),
    base: fc.boolean(),
  },
  { requiredKeys: ['known', 'unknown', 'base'] },
);

describe('ssmBreakerState options, arbitrary (issue 10, must hold)', () => {
  it('either constructs or throws a TypeError naming a field; unknown keys are never accepted', () => {
    fc.assert(
      fc.property(optionsArb, ({ known, unknown, base }) => {
        const options: Record<string, unknown> = {
          ...(base ? { parameterName: '/bulwark/breakers/edna', provider: quiet, logger: silent } : {}),
          ...known,
          ...unknown,
        };
        // Keys that are unknown once merged (fc.string may produce a known name)
        const foreign = Object.keys(options).filter((k) => !(KNOWN as readonly string[]).includes(k));
        // A constructed state would read through whatever provider it was given: keep it quiet.
        if (!('client' in options) && !('provider' in options)) options.provider = quiet;
        if (!('logger' in options)) options.logger = silent;
        let threw: unknown;
        try {
          ssmBreakerState(options as unknown as SsmBreakerStateOptions);
        } catch (error: unknown) {
          threw = error;
        }
        if (threw === undefined) {
          expect(foreign).toEqual([]);
          return;
        }
        expect(threw).toBeInstanceOf(TypeError);
        const message = (threw as Error).message;
        expect(message.startsWith('ssmBreakerState')).toBe(true);
        expect(message.length).toBeLessThan(600);
        const named = [...KNOWN, ...foreign, 'options'].some((field) => message.includes(field));
        expect(named, message).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
