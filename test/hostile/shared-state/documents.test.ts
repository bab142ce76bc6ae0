// Item 9: foreign and oversized documents, and custom providers that throw or answer garbage.
// A document is either trusted or refused with a warning; nothing here may throw or reject unhandled.
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { isDependencyDownError } from '@bulwark/errors';
import {
  type BreakerStateDocument,
  parseBreakerDocument,
  type SharedBreakerState,
  ssmBreakerState,
  wrapDependency,
} from '@bulwark/policies';
import { describe, expect, it } from 'vitest';
import { breakerDoc, recordingLogger, ssmClient } from '../../shared-state/support.js';
import { recordUnhandledRejections, settle, useEmulatedFleet } from './support.js';

const fleet = useEmulatedFleet();
const { ssm } = fleet;
const NAME = '/bulwark/breakers/edna';
const unhandled = recordUnhandledRejections();

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('a document written for another dependency (issue 10, item 9)', () => {
  it('is refused with a warning, and the call goes on with the local breaker', async () => {
    // Prepare: ledger's open document sits in edna's parameter
    ssm.put(NAME, breakerDoc('ledger', 'open'));
    const logger = recordingLogger();
    const edna = wrapDependency('edna', {
      sharedState: ssmBreakerState({ parameterName: NAME, client: ssmClient(), logger }),
      logger: false,
    });

    // Act
    const response = await edna.fetch(`${fleet.dependency.url}/work`);

    // Assess
    expect(response.status).toBe(200);
    expect(fleet.dependency.total()).toBe(0 + 1);
    const warning = logger.lines.find((l) => l.level === 'warn');
    expect(warning?.message).toMatch(/refused/);
    expect(String(warning?.attributes.detail)).toMatch(/ledger/);
  });

  it('refuses a state given to two dependencies, at construction', () => {
    const shared = ssmBreakerState({ parameterName: NAME, client: ssmClient(), logger: recordingLogger() });
    wrapDependency('edna', { sharedState: shared, logger: false });
    expect(() => wrapDependency('ledger', { sharedState: shared, logger: false })).toThrow(
      /sharedState.*edna.*ledger|ledger.*edna/,
    );
  });

  it('refuses a state whose `dependency` option names another dependency, at construction', () => {
    const shared = ssmBreakerState({
      parameterName: NAME,
      dependency: 'ledger',
      client: ssmClient(),
      logger: recordingLogger(),
    });
    expect(() => wrapDependency('edna', { sharedState: shared, logger: false })).toThrow(TypeError);
  });

  it('is ignored even when a custom state (without attach) hands it over', async () => {
    // Prepare
    const ledgerOpen = JSON.parse(breakerDoc('ledger', 'forced-open')) as BreakerStateDocument;
    const custom: SharedBreakerState = { current: () => ledgerOpen, ready: () => Promise.resolve() };
    const edna = wrapDependency('edna', { sharedState: custom, logger: false });

    // Act
    const response = await edna.fetch(`${fleet.dependency.url}/work`);

    // Assess
    expect(response.status).toBe(200);
    expect(edna.state).toBe('closed');
  });

  it('still obeys the document of its own dependency', async () => {
    ssm.put(NAME, breakerDoc('edna', 'open'));
    const edna = wrapDependency('edna', {
      sharedState: ssmBreakerState({ parameterName: NAME, client: ssmClient(), logger: recordingLogger() }),
      logger: false,
    });
    await expect(edna.fetch(`${fleet.dependency.url}/work`)).rejects.toSatisfy(isDependencyDownError);
    expect(fleet.dependency.total()).toBe(0);
  });
});

describe('parseBreakerDocument never throws (issue 10, item 9)', () => {
  it.each([
    ['an array nested 4,500 deep', nested(4_500)],
    ['an object nested 4,500 deep', `${'{"a":'.repeat(4_500)}1${'}'.repeat(4_500)}`],
    ['a deep dependency field', `{"version":1,"dependency":${nested(4_500)}}`],
    [
      'a deep writtenBy field',
      `{"version":1,"dependency":"edna","state":"open","since":"2026-11-23T10:00:00.000Z","updatedAt":"2026-11-23T10:00:00.000Z","writtenBy":${nested(4_000)}}`,
    ],
    ['a deep value nested 100,000 deep', nested(100_000)],
    ['4 MB of spaces', ' '.repeat(4 * 1024 * 1024)],
    ['a lone surrogate', '"\uD800"'],
  ])('refuses %s', (_label, text) => {
    // Act
    let result: ReturnType<typeof parseBreakerDocument> | undefined;
    expect(() => {
      result = parseBreakerDocument(text);
    }).not.toThrow();

    // Assess
    expect(result?.ok).toBe(false);
    if (result?.ok === false) expect(result.message.length).toBeLessThan(300);
  });

  it.each([
    ['undefined', undefined],
    ['a number', 42],
    ['an object', { toString: () => '{}' }],
  ])('refuses %s given where text belongs', (_label, value) => {
    expect(() => parseBreakerDocument(value as string)).not.toThrow();
    expect(parseBreakerDocument(value as string).ok).toBe(false);
  });
});

describe('a custom provider that throws or answers garbage (issue 10, item 9)', () => {
  const provider = (get: () => unknown) => ({ get }) as unknown as SSMProvider;
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();

  it.each([
    [
      'throws synchronously',
      () =>
        provider(() => {
          throw new Error('boom');
        }),
    ],
    [
      'throws a value with a throwing getter',
      () =>
        provider(() => {
          throw Object.defineProperty({}, 'name', {
            get: () => {
              throw new Error('getter');
            },
          });
        }),
    ],
    ['rejects with a revoked proxy', () => provider(() => Promise.reject(revoked.proxy))],
    ['answers a number', () => provider(() => Promise.resolve(42))],
    ['answers an object', () => provider(() => Promise.resolve({ state: 'open' }))],
    ['answers a revoked proxy', () => provider(() => Promise.resolve(revoked.proxy))],
    ['answers deeply nested JSON', () => provider(() => Promise.resolve(nested(4_500)))],
    ['answers 4 MB', () => provider(() => Promise.resolve('x'.repeat(4 * 1024 * 1024)))],
    [
      'answers a thenable that throws',
      () =>
        provider(() => ({
          // biome-ignore lint/suspicious/noThenProperty: a hostile thenable is the point of this case
          then: () => {
            throw new Error('then');
          },
        })),
    ],
    [
      'is a factory that rejects',
      () => (() => Promise.reject(new Error('no module'))) as unknown as SSMProvider,
    ],
    [
      'is a factory that answers an object without get',
      () => (() => Promise.resolve({})) as unknown as SSMProvider,
    ],
  ])('never rejects unhandled when it %s', async (_label, make) => {
    // Prepare
    const logger = recordingLogger();
    const edna = wrapDependency('edna', {
      sharedState: ssmBreakerState({ parameterName: NAME, provider: make(), logger }),
      logger: false,
    });

    // Act
    const response = await edna.fetch(`${fleet.dependency.url}/work`).catch((error: unknown) => error);
    await settle();

    // Assess: the call went on with the local breaker; the problem was logged, nothing escaped
    expect(response).toBeInstanceOf(Response);
    expect(unhandled.reasons).toEqual([]);
    expect(logger.lines.filter((l) => l.level === 'warn').length).toBeGreaterThan(0);
  });
});

describe('dependency names fit every place they go (issue 10, item 9)', () => {
  it.each([
    ['5,000 characters', 'x'.repeat(5_000)],
    ['a newline', 'edna\nlevel=ERROR'],
    ['a slash', 'edna/../ledger'],
    ['a space', 'edna api'],
    ['a quote', 'edna"'],
    ['only a dot', '.'],
  ])('wrapDependency refuses a name with %s, naming the rule', (_label, name) => {
    expect(() => wrapDependency(name)).toThrow(TypeError);
    try {
      wrapDependency(name);
    } catch (error: unknown) {
      expect((error as Error).message).toMatch(/name/);
      expect((error as Error).message.length).toBeLessThan(400);
    }
  });

  it('ssmBreakerState refuses such a dependency option too', () => {
    expect(() =>
      ssmBreakerState({ parameterName: NAME, dependency: 'x'.repeat(5_000), provider: new SSMProvider() }),
    ).toThrow(/dependency/);
  });

  it('accepts the names people use', () => {
    for (const name of ['edna', 'ledger-api', 'payments_v2', 'orders.eu-west-1', 'A'.repeat(128)]) {
      expect(() => wrapDependency(name)).not.toThrow();
    }
  });
});
