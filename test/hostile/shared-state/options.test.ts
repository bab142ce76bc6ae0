// Items 2-4 for ssmBreakerState (and the probe's timeouts): every wrong option is a TypeError at
// construction that names the field, the value and the fix, and never prints what it was given whole.
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { SSMClient } from '@aws-sdk/client-ssm';
import { MAX_TIMER_MS } from '@bulwark/errors';
import { breakerProbeHandler } from '@bulwark/lambda';
import { ssmBreakerState } from '@bulwark/policies';
import { describe, expect, it } from 'vitest';
import { messageOf } from '../messageOf.js';

const NAME = '/bulwark/breakers/edna';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const provider = new SSMProvider({ awsSdkV3Client: new SSMClient({ region: 'us-east-1' }) });

describe('ssmBreakerState durations (issue 10, item 2)', () => {
  it.each(['readTimeoutMs', 'refreshTimeoutMs'])('refuses %s: 2**31, naming the limit', (field) => {
    const options = { parameterName: NAME, provider, readTimeoutMs: 100, [field]: 2 ** 31 };
    const message = messageOf(() => ssmBreakerState(options));
    expect(message).toContain(field);
    expect(message).toContain(String(MAX_TIMER_MS));
  });

  it.each(['maxAgeSeconds', 'staleAfterSeconds', 'maxBackoffSeconds', 'logIntervalSeconds'])(
    'refuses %s beyond the timer limit',
    (field) => {
      const message = messageOf(() =>
        ssmBreakerState({ parameterName: NAME, provider, staleAfterSeconds: 1e12, [field]: 1e12 }),
      );
      expect(message).toMatch(/Seconds/);
    },
  );

  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [-1, '-1'],
    [0, '0'],
  ])('says what was given: readTimeoutMs %s -> "%s", not null', (value, shown) => {
    const message = messageOf(() => ssmBreakerState({ parameterName: NAME, provider, readTimeoutMs: value }));
    expect(message).toMatch(new RegExp(`got ${shown}\\b`));
  });

  it('refuses breakerProbeHandler({ timeoutMs: 2**31 }) (it would write open for a healthy dependency)', () => {
    const message = messageOf(() =>
      breakerProbeHandler({
        dependencies: [{ name: 'edna', url: 'https://edna.internal/health' }],
        timeoutMs: 2 ** 31,
      }),
    );
    expect(message).toContain('timeoutMs');
    expect(message).toContain(String(MAX_TIMER_MS));
  });

  it('checks a probe dependency name even when its parameterName is given (the name goes into the document)', () => {
    const message = messageOf(() =>
      breakerProbeHandler({
        dependencies: [{ name: 'x'.repeat(5_000), parameterName: NAME, url: 'https://edna.internal/health' }],
      }),
    );
    expect(message).toContain('dependency');
    expect(message.length).toBeLessThan(300);
  });

  it.each([
    ['checkIntervalMs', { checkIntervalMs: 2 ** 31 }],
    [
      'timeoutMs',
      { dependencies: [{ name: 'edna', url: 'https://edna.internal/health', timeoutMs: 2 ** 31 }] },
    ],
  ])('refuses the probe %s beyond the timer limit', (field, extra) => {
    const message = messageOf(() =>
      breakerProbeHandler({
        dependencies: [{ name: 'edna', url: 'https://edna.internal/health' }],
        ...extra,
      }),
    );
    expect(message).toContain(field);
  });
});

describe('ssmBreakerState unknown and contradictory options (issue 10, item 3)', () => {
  it('refuses maxAge, suggesting maxAgeSeconds', () => {
    const message = messageOf(() => ssmBreakerState({ parameterName: NAME, provider, maxAge: 5 } as never));
    expect(message).toMatch(/maxAge\b/);
    expect(message).toContain('did you mean "maxAgeSeconds"');
  });

  it('refuses staleAfterSeconds below maxAgeSeconds, naming both', () => {
    const message = messageOf(() =>
      ssmBreakerState({ parameterName: NAME, provider, maxAgeSeconds: 60, staleAfterSeconds: 30 }),
    );
    expect(message).toContain('staleAfterSeconds');
    expect(message).toContain('maxAgeSeconds');
  });

  it.each([
    ['logger: null', { logger: null }],
    ['logger without warn', { logger: { info: () => undefined } }],
    ['metrics without addMetric', { metrics: {} }],
    ['provider and client', { client: new SSMClient({}) }],
  ])('refuses %s', (_label, extra) => {
    expect(() => ssmBreakerState({ parameterName: NAME, provider, ...(extra as object) })).toThrow(TypeError);
  });
});

describe('ssmBreakerState option messages (issue 10, item 4)', () => {
  it('cuts a 2,049-character parameterName in the message', () => {
    const message = messageOf(() => ssmBreakerState({ parameterName: `/${'a'.repeat(2_048)}`, provider }));
    expect(message).toContain('parameterName');
    expect(message.length).toBeLessThan(300);
  });

  it('escapes control characters of a parameterName', () => {
    const message = messageOf(() => ssmBreakerState({ parameterName: '/edna\n{"level":"ERROR"}', provider }));
    expect(message).not.toContain('\n');
  });

  it.each([
    ['a provider holding credentials', { provider: { get: 1, credentials: { secretAccessKey: SECRET } } }],
    ['a client holding credentials', { client: { config: { credentials: { secretAccessKey: SECRET } } } }],
    ['a logger holding a token', { logger: { token: SECRET } }],
    ['options that are a Proxy', new Proxy({ secret: SECRET }, {})],
  ])('describes %s, never dumps it', (_label, extra) => {
    const options =
      extra instanceof Object && !('provider' in extra || 'client' in extra || 'logger' in extra)
        ? extra
        : { parameterName: NAME, ...extra };
    const message = messageOf(() => ssmBreakerState(options as never));
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('secretAccessKey');
  });

  it('turns a throwing getter into a TypeError naming the field', () => {
    const options = {
      parameterName: NAME,
      get maxAgeSeconds(): number {
        throw new Error(`vault says ${SECRET}`);
      },
    };
    const message = messageOf(() => ssmBreakerState(options));
    expect(message).toContain('maxAgeSeconds');
    expect(message).not.toContain(SECRET);
  });
});
