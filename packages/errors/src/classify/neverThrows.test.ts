// A seeded fuzz of the never-throws promise: random nests of objects, arrays, Proxies, throwing getters,
// cycles and odd primitives. Seeded, so a failure reproduces.
import { describe, expect, it } from 'vitest';
import { toHttpStatus } from '../http/toHttpStatus.js';
import { toProblemDetails } from '../http/toProblemDetails.js';
import { classify } from './classify.js';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'cause',
  'errors',
  'code',
  'name',
  'message',
  'status',
  'statusCode',
  'headers',
  'response',
  'issues',
  '$fault',
  '$metadata',
  '$retryable',
  '$response',
  'isBrokenCircuitError',
  'isTaskCancelledError',
  'isBulwarkResilienceError',
  'kind',
  'reason',
  'retryAfterMs',
  'dependency',
  'aborted',
  'reason',
  'get',
];
const PRIMITIVES: unknown[] = [
  undefined,
  null,
  0,
  -1,
  Number.NaN,
  Infinity,
  429,
  503,
  '',
  'ECONNRESET',
  'TimeoutError',
  'AbortError',
  'transient',
  'client',
  'server',
  true,
  false,
  10n,
  Symbol('s'),
];

const define = (target: object, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });

function randomValue(rand: () => number, depth: number, pool: unknown[]): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const roll = rand();
  if (depth > 4 || roll < 0.3) return pick(PRIMITIVES);
  if (roll < 0.35 && pool.length > 0) return pick(pool); // a cycle or a shared node
  const target: Record<string, unknown> = rand() < 0.5 ? (new Error('fuzz') as never) : {};
  pool.push(target);
  const fields = Math.floor(rand() * 6);
  for (let i = 0; i < fields; i++) {
    const key = pick(KEYS);
    const kind = rand();
    if (kind < 0.15) {
      Object.defineProperty(target, key, {
        get: () => {
          throw new Error(`getter ${key}`);
        },
        configurable: true,
      });
    } else if (kind < 0.2) {
      Object.defineProperty(target, key, {
        value: () => {
          throw new Error('call');
        },
        configurable: true,
      });
    } else if (kind < 0.3) {
      define(
        target,
        key,
        Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1, pool)),
      );
    } else {
      define(target, key, randomValue(rand, depth + 1, pool));
    }
  }
  if (rand() < 0.15) {
    return new Proxy(target, {
      get: (t, k) => {
        if (rand() < 0.3) throw new Error('proxy get');
        return Reflect.get(t, k);
      },
      ownKeys: () => {
        throw new Error('proxy keys');
      },
    });
  }
  return target;
}

describe('classify never throws (seeded fuzz)', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: 400 random values', (seed) => {
    // Prepare
    const rand = mulberry32(seed);
    for (let i = 0; i < 400; i++) {
      const value = randomValue(rand, 0, []);
      // Act
      const act = () => [classify(value), toHttpStatus(value), toProblemDetails(value)] as const;
      // Assess
      expect(act).not.toThrow();
      const [c, status, body] = act();
      expect(c.retryable).toBe(c.kind === 'transient');
      expect([401, 403]).not.toContain(status);
      // (the fuzz Proxies throw at random, so the three calls may see different values: no equality here)
      expect([401, 403]).not.toContain(body.status);
      expect(body.status).toBeGreaterThanOrEqual(400);
      expect(body.status).toBeLessThan(600);
    }
  });
});
