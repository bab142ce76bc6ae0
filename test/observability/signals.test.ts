// Every signal in docs/observability.md is pinned: the test reads the two tables, produces each row with a
// scenario below and fails when a line or metric is missing, carries other keys than the table lists, or
// is emitted without a row. Fake timers: nothing here sleeps.

import { readFileSync } from 'node:fs';
import { runWithLogContext, TransientError } from '@bulwark/errors';
import { type Dependency, type DependencyOptions, wrapDependency } from '@bulwark/policies';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const doc = readFileSync(new URL('../../docs/observability.md', import.meta.url), 'utf8');

/** The rows between `<!-- signals:NAME -->` and its end marker, as arrays of cells. */
function table(name: string): string[][] {
  const start = doc.indexOf(`<!-- signals:${name} -->`);
  const end = doc.indexOf(`<!-- /signals:${name} -->`);
  expect(start, `docs/observability.md has no signals:${name} table`).toBeGreaterThan(-1);
  return doc
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

interface Line {
  level: string;
  message: string;
  keys: Record<string, unknown>;
}
interface Metric {
  name: string;
  unit: string;
  dimensions: string[];
}

const lines: Line[] = [];
const metrics: Metric[] = [];
const logger = {
  info: (message: string, keys: Record<string, unknown>) => lines.push({ level: 'info', message, keys }),
  warn: (message: string, keys: Record<string, unknown>) => lines.push({ level: 'warn', message, keys }),
};
const metricSink = {
  addMetric: () => expect.fail('every metric goes through singleMetric'),
  singleMetric: () => {
    const dimensions: string[] = [];
    return {
      addDimension: (name: string) => dimensions.push(name),
      addMetric: (name: string, unit: string) => metrics.push({ name, unit, dimensions }),
    };
  },
};

let n = 0;
const dep = (options: DependencyOptions<unknown>): Dependency<unknown> =>
  wrapDependency(`dep-${++n}`, { logger, metrics: metricSink, ...options });
const failing = () => Promise.reject(new TransientError('edna answered 503', { status: 503 }));
const throttled = () =>
  Promise.reject(new TransientError('429', { status: 429, reason: 'throttled', retryAfterMs: 2_000 }));
const settle = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    () => undefined,
  );

/** Every scenario, run once inside a log context: together they produce every documented signal. */
async function scenarios(): Promise<void> {
  // retry, give up, circuit opened, then half-open and closed after the break
  const flaky = dep({
    retry: { maxAttempts: 2, backoff: { initialDelayMs: 10, maxDelayMs: 10, jitter: 'none' } },
    breaker: { kind: 'consecutive', threshold: 2, halfOpenAfterMs: 1_000 },
  });
  const first = settle(flaky.execute(failing));
  await vi.advanceTimersByTimeAsync(20);
  await first;
  await settle(flaky.execute(failing)); // refused by the open circuit
  await vi.advanceTimersByTimeAsync(1_000);
  await flaky.execute(async () => 'ok');
  // timeout
  const slow = dep({ retry: false, timeout: { attemptMs: 100, totalMs: 100 } });
  const late = settle(
    slow.execute(
      ({ signal }) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    ),
  );
  await vi.advanceTimersByTimeAsync(150);
  await late;
  // fallback
  await dep({ retry: false, fallback: () => 'cached' }).execute(failing);
  // retry budget exhausted: a floor of 0 and no calls yet earn no retry
  await settle(
    dep({
      retry: {
        maxAttempts: 3,
        backoff: { initialDelayMs: 0, maxDelayMs: 0 },
        budget: { ratio: 0.1, minRetriesPerSecond: 0 },
      },
    }).execute(failing),
  );
  // cooldown after pushback
  await settle(dep({ retry: false }).execute(throttled));
  // rate limit refusal: one token, a second call that cannot wait
  const limited = dep({
    retry: false,
    timeout: { attemptMs: 100, totalMs: 100 },
    rateLimit: { perSecond: 1, burst: 1 },
  });
  const both = Promise.all([
    settle(limited.execute(async () => 'ok')),
    settle(limited.execute(async () => 'ok')),
  ]);
  await vi.advanceTimersByTimeAsync(1_000);
  await both;
}

beforeAll(async () => {
  vi.useFakeTimers();
  await runWithLogContext({ correlation_id: 'm-1', messageId: 'm-1' }, scenarios);
});
afterAll(() => {
  vi.useRealTimers();
});

const CONTEXT = ['correlation_id', 'messageId'];

describe('every documented log line', () => {
  const rows = table('logs');

  it.each(rows)('%s "%s" carries exactly: %s', (level, message, keys) => {
    const found = lines.filter((l) => l.message === message);
    expect(found.length, `no "${message}" line was written`).toBeGreaterThan(0);
    const listed = keys!.split(',').map((k) => k.trim());
    const required = listed.filter((k) => !k.endsWith('?'));
    const allowed = new Set([...listed.map((k) => k.replace(/\?$/, '')), ...CONTEXT]);
    for (const line of found) {
      expect(line.level).toBe(level);
      const present = Object.keys(line.keys).filter((k) => line.keys[k] !== undefined);
      for (const k of [...required, ...CONTEXT]) expect(present, `"${message}" lacks ${k}`).toContain(k);
      for (const k of present) expect(allowed.has(k), `"${message}" has ${k}, not in the table`).toBe(true);
    }
  });

  it('writes no line the table does not list', () => {
    const documented = new Set(rows.map((r) => r[1]));
    expect(lines.map((l) => l.message).filter((m) => !documented.has(m))).toEqual([]);
  });
});

describe('every documented metric', () => {
  const rows = table('metrics');

  it.each(rows)('%s (%s) with dimensions %s', (name, unit, dimensions) => {
    const found = metrics.filter((m) => m.name === name);
    expect(found.length, `no ${name} metric was written`).toBeGreaterThan(0);
    const listed = dimensions!.split(',').map((d) => d.trim());
    for (const m of found) {
      expect(m.unit).toBe(unit);
      expect(m.dimensions.sort()).toEqual(listed.sort());
    }
  });

  it('writes no metric the table does not list', () => {
    const documented = new Set(rows.map((r) => r[0]));
    expect(metrics.map((m) => m.name).filter((m) => !documented.has(m))).toEqual([]);
  });
});
