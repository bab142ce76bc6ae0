// Pushback and long outages, in simulated time (bench/src/virtualClock.ts):
// 1. A dependency that accepts at most 50 requests in any second and answers the rest 429 with
//    `Retry-After: 2`, called 200 times a second for 60 s, through wrapDependency (defaults otherwise):
//    requests it receives, 429s it sends and calls completed, for (a) each call honouring only its own
//    Retry-After (`cooldown: false`), (b) the default cooldown after pushback, (c) cooldown + adaptive
//    client-side throttling (K = 2) and (d) a rate limiter at 45/s; each with the default breaker and
//    without a breaker.
//    Goal: (b) or better sends >= 5x fewer 429s than (a) while completing at least as many calls.
// 2. A 10-minute outage (every request fails with 503), called 20 times a second: requests that reach the
//    dependency with the default fixed 5 s break duration and with `breaker.breakDuration` (5 s doubling
//    to 60 s).

import { TransientError } from '@bulwark/errors';
import { type DependencyOptions, wrapDependency } from '@bulwark/policies';
import type { Benchmark, BenchSize, BenchTable } from '../harness.js';
import { VirtualClock } from './virtualClock.js';

const LATENCY_MS = 20;

interface PushbackResult {
  readonly received: number;
  readonly throttled: number;
  readonly completed: number;
  readonly calls: number;
}

/** Drives `calls` calls at `perSecond` through a dependency built from `options`, against a 50/s server. */
async function throttlingRun(
  options: DependencyOptions<never>,
  perSecond: number,
  seconds: number,
): Promise<PushbackResult> {
  const clock = new VirtualClock();
  const uninstall = clock.install();
  try {
    const dep = wrapDependency('sim', { logger: false, ...options });
    const accepted: number[] = [];
    let received = 0;
    let throttled = 0;
    let completed = 0;
    const server = (): Promise<number> =>
      new Promise((resolve, reject) => {
        received++;
        const now = Date.now();
        while (accepted.length > 0 && accepted[0]! <= now - 1_000) accepted.shift();
        const ok = accepted.length < 50;
        if (ok) accepted.push(now);
        else throttled++;
        setTimeout(() => {
          if (ok) resolve(1);
          else
            reject(
              new TransientError('sim answered 429', {
                status: 429,
                reason: 'throttled',
                retryAfterMs: 2_000,
              }),
            );
        }, LATENCY_MS);
      });
    const calls = perSecond * seconds;
    const gap = 1_000 / perSecond;
    let started = 0;
    // One timer starts the next call, so the clock's queue stays short.
    const startNext = (): void => {
      dep.execute(server).then(
        () => completed++,
        () => undefined,
      );
      if (++started < calls) clock.schedule(startNext, gap);
    };
    clock.schedule(startNext, 0);
    await clock.run();
    return { received, throttled, completed, calls };
  } finally {
    uninstall();
  }
}

/** Requests reaching a dependency that is down for `seconds`, called 20 times a second. */
async function outageRun(options: DependencyOptions<never>, seconds: number): Promise<number> {
  const clock = new VirtualClock();
  const uninstall = clock.install();
  try {
    const dep = wrapDependency('sim', { logger: false, ...options });
    let received = 0;
    const down = (): Promise<number> =>
      new Promise((_, reject) => {
        received++;
        setTimeout(() => reject(new TransientError('sim answered 503', { status: 503 })), LATENCY_MS);
      });
    const calls = seconds * 20;
    let started = 0;
    const startNext = (): void => {
      dep.execute(down).catch(() => undefined);
      if (++started < calls) clock.schedule(startNext, 50);
    };
    clock.schedule(startNext, 0);
    await clock.run();
    return received;
  } finally {
    uninstall();
  }
}

const bench: Benchmark = {
  name: 'pushback',
  async run(size: BenchSize) {
    const seconds = size === 'full' ? 60 : 5;
    const variants: [string, DependencyOptions<never>][] = [
      ['(a) per-call Retry-After (cooldown: false)', { cooldown: false }],
      ['(b) cooldown after pushback (default)', {}],
      ['(c) cooldown + adaptive throttling (K = 2)', { adaptiveThrottle: { k: 2 } }],
      ['(d) rate limiter at 45/s (+ cooldown)', { rateLimit: { perSecond: 45, burst: 5 } }],
      ['(a) without a breaker', { cooldown: false, breaker: false }],
      ['(b) without a breaker', { breaker: false }],
      ['(c) without a breaker', { adaptiveThrottle: { k: 2 }, breaker: false }],
      ['(d) without a breaker', { rateLimit: { perSecond: 45, burst: 5 }, breaker: false }],
    ];
    const results: (PushbackResult & { name: string })[] = [];
    for (const [name, options] of variants) {
      results.push({ name, ...(await throttlingRun(options, 200, seconds)) });
    }
    const [a, b, c, d] = results as unknown as [
      PushbackResult,
      PushbackResult,
      PushbackResult,
      PushbackResult,
    ];
    const ratio = (x: PushbackResult) =>
      x.throttled === 0 ? Number.POSITIVE_INFINITY : a.throttled / x.throttled;
    const meets = (x: PushbackResult) => ratio(x) >= 5 && x.completed >= a.completed;
    const met = meets(b) || meets(c) || meets(d);
    const pushbackTable: BenchTable = {
      title: `Pushback, simulated time (200 calls/s for ${seconds} s against a 50/s dependency, Retry-After: 2)`,
      columns: ['variant', 'requests received', '429s sent', 'calls completed', 'calls'],
      rows: results.map((r) => [r.name, r.received, r.throttled, r.completed, r.calls]),
      notes: [
        `Goal: (b) or better sends >= 5x fewer 429s than (a) while completing at least as many calls (defaults, breaker on): ${met ? 'met' : 'NOT met'} ((b) ${ratio(b).toFixed(1)}x fewer 429s, ${b.completed} vs ${a.completed} completed; (c) ${ratio(c).toFixed(1)}x, ${c.completed}; (d) ${ratio(d).toFixed(1)}x, ${d.completed}).`,
        'The lower rows turn the breaker off (a 429 counts toward it by default) to show the pushback policies alone.',
      ],
    };

    const outageSeconds = size === 'full' ? 600 : 60;
    const fixed = await outageRun({}, outageSeconds);
    const growing = await outageRun({ breaker: { breakDuration: { maxMs: 60_000 } } }, outageSeconds);
    const outageTable: BenchTable = {
      title: `Long outage, simulated time (${outageSeconds / 60} min down, 20 calls/s)`,
      columns: ['break duration', 'requests reaching the dependency'],
      rows: [
        ['fixed 5 s (default)', fixed],
        ['growing: 5 s doubling to 60 s, equal jitter', growing],
      ],
      notes: [`A growing break duration sends ${(fixed / Math.max(1, growing)).toFixed(1)}x fewer requests.`],
    };
    return {
      tables: [pushbackTable, outageTable],
      data: { pushback: results, outage: { seconds: outageSeconds, fixed, growing } },
    };
  },
};

export default bench;
