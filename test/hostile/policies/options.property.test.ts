// Property: any options object either constructs a Dependency or throws a TypeError that names a field
// of wrapDependency's options; never another error, and never with an unknown key accepted.
import { wrapDependency } from '@bulwark/policies';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const KNOWN: Record<string, readonly string[]> = {
  options: [
    'timeout',
    'retry',
    'breaker',
    'bulkhead',
    'fallback',
    'deadline',
    'sharedState',
    'logger',
    'metrics',
    'classify',
  ],
  timeout: ['attemptMs', 'totalMs'],
  retry: ['maxAttempts', 'backoff', 'budget'],
  'retry.backoff': ['jitter', 'initialDelayMs', 'maxDelayMs', 'exponent'],
  'retry.budget': ['ratio', 'minRetriesPerSecond', 'windowMs'],
  breaker: [
    'kind',
    'threshold',
    'failureRatio',
    'size',
    'minimumCalls',
    'windowMs',
    'halfOpenAfterMs',
    'halfOpenProbes',
    'halfOpenFailureRatio',
    'slowCall',
  ],
  'breaker.slowCall': ['durationMs', 'rateThreshold', 'minimumCalls', 'windowSize'],
  bulkhead: ['limit', 'queue'],
};
const FIELDS = new Set<string>(['name', 'options']);
for (const [owner, keys] of Object.entries(KNOWN)) {
  for (const key of keys) FIELDS.add(owner === 'options' ? key : `${owner}.${key}`);
}

const number = fc.oneof(
  fc.integer({ min: -5, max: 200_000 }),
  fc.constantFrom(0, 1, 0.5, 0.99, 1.5, Number.NaN, Infinity, -Infinity, 2 ** 31, 2 ** 31 - 1, -0, 1e308),
  fc.double(),
);
const anyValue = fc.oneof(
  { weight: 6, arbitrary: number },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      undefined,
      null,
      false,
      true,
      '',
      'x',
      'consecutive',
      'count',
      'sampling',
      'full',
    ),
  },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
);
const fn = fc.constant(() => undefined);
/** Values a careful caller would give, so that many generated objects construct. */
const SANE: Record<string, fc.Arbitrary<unknown>> = {
  attemptMs: fc.integer({ min: 1_000, max: 5_000 }),
  totalMs: fc.integer({ min: 5_000, max: 60_000 }),
  maxAttempts: fc.integer({ min: 1, max: 4 }),
  jitter: fc.constantFrom('decorrelated', 'full', 'none'),
  initialDelayMs: fc.integer({ min: 0, max: 50 }),
  maxDelayMs: fc.integer({ min: 50, max: 500 }),
  exponent: fc.constantFrom(1, 1.5, 2),
  ratio: fc.constantFrom(0, 0.1, 0.5),
  minRetriesPerSecond: fc.constantFrom(0, 1, 5),
  windowMs: fc.integer({ min: 10_000, max: 60_000 }),
  kind: fc.constantFrom('consecutive', 'count', 'sampling'),
  threshold: fc.integer({ min: 1, max: 10 }),
  failureRatio: fc.constantFrom(0.1, 0.5, 0.9),
  size: fc.integer({ min: 10, max: 100 }),
  minimumCalls: fc.integer({ min: 1, max: 10 }),
  halfOpenAfterMs: fc.integer({ min: 1, max: 60_000 }),
  halfOpenProbes: fc.integer({ min: 1, max: 3 }),
  halfOpenFailureRatio: fc.constantFrom(0, 0.5),
  durationMs: fc.integer({ min: 1, max: 999 }),
  rateThreshold: fc.constantFrom(0.5, 1),
  windowSize: fc.integer({ min: 10, max: 100 }),
  limit: fc.integer({ min: 1, max: 10 }),
  queue: fc.integer({ min: 0, max: 10 }),
  fallback: fn,
  classify: fn,
  deadline: fc.constant(() => 10_000),
  logger: fc.constant(false),
  metrics: fc.constant({ addMetric: () => undefined }),
  sharedState: fc.constant({ current: () => undefined, ready: async () => undefined }),
};
const typo = fc.constantFrom(
  'retries',
  'timeoutMs',
  'attempMs',
  'maxAge',
  'treshold',
  '__proto__x',
  'constructor',
  'Kind',
);

const KIND_KEYS: Record<string, readonly string[]> = {
  consecutive: ['threshold'],
  count: ['failureRatio', 'size', 'minimumCalls'],
  sampling: ['failureRatio', 'windowMs', 'minimumCalls'],
};

/** Mostly a breaker whose keys fit its kind, so that many construct; now and then any mix. */
function breakerSection(depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: section('breaker', depth, true) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom('consecutive', 'count', 'sampling'), section('breaker', depth, true))
        .map(([kind, object]) => {
          const fitting = { ...(object as Record<string, unknown>) };
          for (const [other, keys] of Object.entries(KIND_KEYS)) {
            if (other === kind) continue;
            for (const key of keys) if (!KIND_KEYS[kind]!.includes(key)) delete fitting[key];
          }
          return { ...fitting, kind };
        }),
    },
  );
}

/** An options object for `owner`: some known keys with random values, now and then an unknown one. */
function section(owner: string, depth = 0, plain = false): fc.Arbitrary<unknown> {
  if (owner === 'breaker' && !plain) return breakerSection(depth);
  const keys = KNOWN[owner] ?? [];
  const entries = keys.map((key) => {
    const path = owner === 'options' ? key : `${owner}.${key}`;
    const sane = KNOWN[path] !== undefined && depth < 3 ? section(path, depth + 1) : (SANE[key] ?? anyValue);
    return [key, fc.oneof({ weight: 19, arbitrary: sane }, { weight: 1, arbitrary: anyValue })] as const;
  });
  const known = fc.record(Object.fromEntries(entries) as Record<string, fc.Arbitrary<unknown>>, {
    requiredKeys: [],
  });
  const extraKey = fc.oneof(
    { weight: 12, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.tuple(typo, anyValue) },
  );
  return fc.tuple(known, extraKey).map(([object, extra]) => {
    const copy = { ...(object as object) } as Record<string, unknown>;
    if (extra !== null) copy[extra[0]] = extra[1];
    return copy;
  });
}

function unknownKeys(object: unknown, owner: string): string[] {
  if (typeof object !== 'object' || object === null) return [];
  const keys = KNOWN[owner] ?? [];
  const found: string[] = [];
  for (const key of Object.keys(object)) {
    const path = owner === 'options' ? key : `${owner}.${key}`;
    if (!keys.includes(key)) found.push(path);
    else if (KNOWN[path] !== undefined)
      found.push(...unknownKeys((object as Record<string, unknown>)[key], path));
  }
  return found;
}

let built = 0;

describe('wrapDependency options (property)', () => {
  it('construct, or throw a TypeError naming a field; never accept an unknown key', () => {
    fc.assert(
      fc.property(section('options'), (options) => {
        let thrown: unknown;
        try {
          wrapDependency('edna', options as never);
        } catch (error) {
          thrown = error;
        }
        if (thrown === undefined) {
          built++;
          expect(unknownKeys(options, 'options')).toEqual([]);
          return;
        }
        expect(thrown).toBeInstanceOf(TypeError);
        const message = (thrown as Error).message;
        expect(message.startsWith("wrapDependency('edna'): ")).toBe(true);
        const rest = message.slice("wrapDependency('edna'): ".length);
        const named =
          /^unknown options? /.test(rest) || [...FIELDS].some((field) => rest.startsWith(`${field} `));
        expect(named, message).toBe(true);
      }),
      { numRuns: 2_000, seed: 20261202 },
    );
    // A property that only ever throws would prove nothing about accepted keys: enough must construct.
    expect(built).toBeGreaterThan(200);
  });
});
