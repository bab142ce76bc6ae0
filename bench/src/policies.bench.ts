// @bulwark/policies against its peers, side by side in one run:
// 1. success-path added cost per call: bare awaited call; hand-wired cockatiel wrap(timeout, retry,
//    breaker); opossum; wrapDependency (full chain). Goal: wrapDependency's added cost <= 0.2x cockatiel's.
// 2. open-circuit rejection cost per call (same three). Goal: <= 1 µs for wrapDependency.
// 3. amplification in simulated time (a virtual clock patched into Date.now/setTimeout, so backoff and
//    half-open waits cost nothing): attempts reaching the dependency per logical call at a 100 % outage
//    (goal <= 1.1; naive 3 retries = 4.0) and success rate + attempts per call at 10 % random transient
//    faults (goal >= 99.9 % with <= 1.15 attempts/call), for naive retry, cockatiel retry + breaker and
//    wrapDependency with the same settings (3 retries, consecutive breaker of 5, 5 s half-open).
// 4. heap after 1M successful calls (goal: flat) and timers left referenced after calls settle (goal: 0).

import { createRequire } from 'node:module';
import { TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import {
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleAll,
  retry,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import { type Benchmark, type BenchSize, type BenchTable, nsPerCall } from '../harness.js';
import { contenders, simulate } from './amplification.js';
import { heapAndTimers } from './heapAndTimers.js';
import { otelCosts } from './otelCost.js';

interface OpossumBreaker {
  fire(...args: unknown[]): Promise<unknown>;
  open(): void;
  shutdown(): void;
}
type OpossumCtor = new (fn: (...args: unknown[]) => Promise<unknown>, options: object) => OpossumBreaker;
const Opossum = createRequire(import.meta.url)('opossum') as OpossumCtor;

const bare = async (): Promise<number> => 1;
const swallow = (): number => 0;

// ---- 1 + 2: per-call cost -----------------------------------------------------------------------------

async function perCallCosts(size: BenchSize) {
  const iterations = size === 'full' ? 200_000 : 20_000;
  const rounds = size === 'full' ? 7 : 3;
  const cockatiel = wrap(
    timeout(10_000, TimeoutStrategy.Cooperative),
    retry(handleAll, { maxAttempts: 2, backoff: new ExponentialBackoff() }),
    circuitBreaker(handleAll, { halfOpenAfter: 5_000, breaker: new ConsecutiveBreaker(5) }),
  );
  const opossum = new Opossum(bare, { timeout: 10_000, resetTimeout: 5_000, enableSnapshots: false });
  const dep = wrapDependency('bench', { logger: false });
  // Every stage on, none of them in the way: a rate that never runs out, adaptive throttling with nothing
  // to throttle, a wide bulkhead, the slow-call trigger, a growing break duration, shadow off.
  const depAll = wrapDependency('bench-all', {
    logger: false,
    rateLimit: { perSecond: 1_000_000, burst: 1_000_000 },
    adaptiveThrottle: {},
    bulkhead: { limit: 1_000_000 },
    breaker: { slowCall: { durationMs: 5_000 }, breakDuration: { maxMs: 60_000 } },
  });

  const cockatielOpen = circuitBreaker(handleAll, { halfOpenAfter: 1e9, breaker: new ConsecutiveBreaker(1) });
  await cockatielOpen.execute(() => Promise.reject(new Error('down'))).catch(swallow);
  const opossumOpen = new Opossum(bare, { timeout: 10_000, resetTimeout: 1e9, enableSnapshots: false });
  opossumOpen.open();
  const depOpen = wrapDependency('bench-open', {
    logger: false,
    retry: false,
    breaker: { threshold: 1, halfOpenAfterMs: 1e9 },
  });
  await depOpen.execute(() => Promise.reject(new TransientError('down'))).catch(swallow);

  const measure = (fn: () => Promise<unknown>) => nsPerCall(fn, iterations, rounds);
  // Warm everything first, then interleave the contenders so machine noise hits them alike.
  for (const fn of [
    bare,
    () => cockatiel.execute(bare),
    () => opossum.fire(),
    () => dep.execute(bare),
    () => depAll.execute(bare),
  ]) {
    await measure(fn);
  }
  const success = {
    bare: [] as number[],
    cockatiel: [] as number[],
    opossum: [] as number[],
    wrapDependency: [] as number[],
    wrapDependencyAll: [] as number[],
  };
  const reject = { cockatiel: [] as number[], opossum: [] as number[], wrapDependency: [] as number[] };
  for (let pass = 0; pass < 3; pass++) {
    success.bare.push(await measure(bare));
    success.cockatiel.push(await measure(() => cockatiel.execute(bare)));
    success.opossum.push(await measure(() => opossum.fire()));
    success.wrapDependency.push(await measure(() => dep.execute(bare)));
    success.wrapDependencyAll.push(await measure(() => depAll.execute(bare)));
    reject.cockatiel.push(await measure(() => cockatielOpen.execute(bare).catch(swallow)));
    reject.opossum.push(await measure(() => opossumOpen.fire().catch(swallow)));
    reject.wrapDependency.push(await measure(() => depOpen.execute(bare).catch(swallow)));
  }
  opossum.shutdown();
  opossumOpen.shutdown();
  const best = (xs: number[]) => Math.min(...xs);
  return {
    success: Object.fromEntries(Object.entries(success).map(([k, v]) => [k, best(v)])) as Record<
      keyof typeof success,
      number
    >,
    reject: Object.fromEntries(Object.entries(reject).map(([k, v]) => [k, best(v)])) as Record<
      keyof typeof reject,
      number
    >,
    baselineRejectNs: best([await measure(() => Promise.reject(rejection).catch(swallow))]),
    baselineLateRejectNs: best([await measure(() => rejectOnceHandled(rejection).catch(swallow))]),
  };
}
const rejection = new Error('prebuilt');
const settled = Promise.resolve();
/**
 * How wrapDependency delivers a refusal: rejected one microtask later, once the caller's handler is
 * attached, which skips Node's unhandled-rejection tracking that Promise.reject enters.
 */
const rejectOnceHandled = (error: unknown) =>
  new Promise<never>((_, reject) => {
    settled.then(() => reject(error));
  });

// ---- the benchmark -------------------------------------------------------------------------------------------

const us = (ns: number) => Number((ns / 1000).toFixed(3));

const bench: Benchmark = {
  name: 'policies',
  async run(size) {
    const cost = await perCallCosts(size);
    const added = {
      cockatiel: cost.success.cockatiel - cost.success.bare,
      opossum: cost.success.opossum - cost.success.bare,
      wrapDependency: cost.success.wrapDependency - cost.success.bare,
      wrapDependencyAll: cost.success.wrapDependencyAll - cost.success.bare,
    };
    const ratio = added.wrapDependency / added.cockatiel;
    const ratioAll = added.wrapDependencyAll / added.cockatiel;
    const costTable: BenchTable = {
      title: 'Success path: time per awaited call (µs, best of 3 interleaved passes)',
      columns: ['contender', 'per call', 'added over bare', 'added vs cockatiel'],
      rows: [
        ['bare awaited call', us(cost.success.bare), 0, '-'],
        ['cockatiel wrap(timeout, retry, breaker)', us(cost.success.cockatiel), us(added.cockatiel), '1.00x'],
        [
          'opossum fire',
          us(cost.success.opossum),
          us(added.opossum),
          `${(added.opossum / added.cockatiel).toFixed(2)}x`,
        ],
        [
          'wrapDependency (full chain)',
          us(cost.success.wrapDependency),
          us(added.wrapDependency),
          `${ratio.toFixed(2)}x`,
        ],
        [
          'wrapDependency (every stage configured)',
          us(cost.success.wrapDependencyAll),
          us(added.wrapDependencyAll),
          `${ratioAll.toFixed(2)}x`,
        ],
      ],
      notes: [
        `Goal: wrapDependency adds <= 0.2x of cockatiel's added cost: ${ratio <= 0.2 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x).`,
        `Goal: with every stage configured, <= 0.3x: ${ratioAll <= 0.3 ? 'met' : 'NOT met'} (${ratioAll.toFixed(2)}x).`,
      ],
    };
    const rejectTable: BenchTable = {
      title: 'Open circuit: time per refused call (µs, including the awaited rejection)',
      columns: ['contender', 'per refused call'],
      rows: [
        ['baseline: awaiting an already-built rejected promise', us(cost.baselineRejectNs)],
        ['baseline: awaiting a prebuilt error rejected once handled', us(cost.baselineLateRejectNs)],
        ['cockatiel BrokenCircuitError', us(cost.reject.cockatiel)],
        ['opossum (open)', us(cost.reject.opossum)],
        ['wrapDependency DependencyDownError (stackless)', us(cost.reject.wrapDependency)],
      ],
      notes: [
        `Goal: <= 1 µs: ${cost.reject.wrapDependency <= 1000 ? 'met' : 'NOT met'} (${us(cost.reject.wrapDependency)} µs).`,
        'wrapDependency rejects once the caller has attached its handler (second baseline), so it skips the unhandled-rejection tracking that the first baseline, cockatiel and opossum pay.',
      ],
    };

    const otel = await otelCosts(size);
    const otelAdded = otel.apiNoSdk - otel.withoutApi;
    const otelTable: BenchTable = {
      title: 'OpenTelemetry: time per successful call (µs, best of 3 interleaved passes)',
      columns: ['contender', 'per call', 'added over wrapDependency without OTel'],
      rows: [
        ['bare awaited call', us(otel.bare), '-'],
        ['wrapDependency, OTel off (OTEL_SDK_DISABLED=true at wrap)', us(otel.withoutApi), 0],
        ['wrapDependency, @opentelemetry/api loaded, no SDK', us(otel.apiNoSdk), us(otelAdded)],
        [
          'wrapDependency, SDK + in-memory exporter + metric reader',
          us(otel.withSdk),
          us(otel.withSdk - otel.withoutApi),
        ],
      ],
      notes: [
        `Goal: the API without an SDK adds <= 50 ns: ${otelAdded <= 50 ? 'met' : 'NOT met'} (${otelAdded.toFixed(0)} ns).`,
      ],
    };

    const calls = size === 'full' ? 20_000 : 1_500;
    const sims: {
      name: string;
      outage: Awaited<ReturnType<typeof simulate>>;
      flaky: Awaited<ReturnType<typeof simulate>>;
    }[] = [];
    for (const contender of contenders) {
      sims.push({
        name: contender.name,
        outage: await simulate(contender, calls, 1, 1),
        flaky: await simulate(contender, calls, 0.1, 7),
      });
    }
    const mine = sims.find((s) => s.name.startsWith('wrapDependency (defaults'))!;
    const budgetOnly = sims.find((s) => s.name.includes('budget only'))!;
    const ampTable: BenchTable = {
      title: `Amplification, simulated time (${calls} calls at 20/s)`,
      columns: [
        'contender',
        'attempts/call at 100 % outage',
        'success at 10 % faults',
        'attempts/call at 10 % faults',
      ],
      rows: sims.map((s) => [
        s.name,
        Number(s.outage.attemptsPerCall.toFixed(3)),
        `${(s.flaky.successRate * 100).toFixed(2)} %`,
        Number(s.flaky.attemptsPerCall.toFixed(3)),
      ]),
      notes: [
        `Goal <= 1.1 attempts/call at 100 % outage: ${mine.outage.attemptsPerCall <= 1.1 + 1e-9 && budgetOnly.outage.attemptsPerCall <= 1.1 + 1e-9 ? 'met' : 'NOT met'} (defaults ${mine.outage.attemptsPerCall.toFixed(3)}, budget only ${budgetOnly.outage.attemptsPerCall.toFixed(3)}).`,
        `Goal >= 99.9 % success with <= 1.15 attempts/call at 10 % faults: ${mine.flaky.successRate >= 0.999 && mine.flaky.attemptsPerCall <= 1.15 ? 'met' : 'NOT met'} (${(mine.flaky.successRate * 100).toFixed(2)} %, ${mine.flaky.attemptsPerCall.toFixed(3)}).`,
      ],
    };

    const mem = await heapAndTimers(size);
    const [first, last] = mem.checkpoints;
    const growth = (last![1] - first![1]) / 1024;
    const heapTable: BenchTable = {
      title: 'Heap and timers',
      columns: ['measure', 'value'],
      rows: [
        [`heap after ${first![0]} calls (KiB)`, Math.round(first![1] / 1024)],
        [`heap after ${last![0]} calls (KiB)`, Math.round(last![1] / 1024)],
        ['growth (KiB)', Math.round(growth)],
        ['timers left referenced after calls settled', mem.timersLeft],
      ],
      notes: [
        `Goal: flat heap (growth < 256 KiB): ${growth < 256 ? 'met' : 'NOT met'}; no timer left: ${mem.timersLeft <= 0 ? 'met' : 'NOT met'}.`,
      ],
    };

    return {
      tables: [costTable, rejectTable, otelTable, ampTable, heapTable],
      data: {
        successNsPerCall: cost.success,
        addedNs: added,
        addedRatioVsCockatiel: ratio,
        addedRatioEveryStageVsCockatiel: ratioAll,
        rejectNsPerCall: cost.reject,
        baselineRejectNs: cost.baselineRejectNs,
        baselineLateRejectNs: cost.baselineLateRejectNs,
        otelNsPerCall: otel,
        otelAddedNoSdkNs: otelAdded,
        amplification: sims,
        heap: mem,
      },
    };
  },
};

export default bench;
