// The fault script both runs go through: the phases payments moves through, their lengths, the orders
// sent, and the sizes that make a run last seconds instead of hours (every duration of the service is
// compressed by the same idea: a Lambda timeout of 1.5 s stands for 60 s).
import { mulberry32 } from '@bulwark/testing';

/** The phases of payments, in order. */
export const PHASES = ['healthy', 'degraded', 'down', 'recovering'] as const;
export type Phase = (typeof PHASES)[number];

/** One run's sizes. */
export interface DemoSize {
  readonly orders: number;
  /** Share of orders the producer sends twice, under two message ids. */
  readonly duplicateShare: number;
  /** How long each phase lasts; `recovering` ends when the queue is drained or at this bound. */
  readonly phaseMs: Readonly<Record<Phase, number>>;
  /** Concurrent Lambda instances (the event source's maxConcurrency). */
  readonly instances: number;
  readonly batchSize: number;
  readonly lambdaTimeoutMs: number;
  readonly visibilityTimeoutMs: number;
  readonly maxReceiveCount: number;
  /** The probe's schedule period. */
  readonly probeEveryMs: number;
}

const base = {
  duplicateShare: 0.1,
  instances: 2,
  batchSize: 10,
  lambdaTimeoutMs: 1_500,
  // Longer than the function timeout, as AWS requires of a Lambda event source's queue: with a shorter one
  // a slow batch comes back to a second instance while the first still works on it.
  visibilityTimeoutMs: 2_000,
  maxReceiveCount: 10,
  probeEveryMs: 250,
} as const;

/** `--size full` (the default) and `--size tiny` (the test). */
export const SIZES: Readonly<Record<'full' | 'tiny', DemoSize>> = {
  full: {
    ...base,
    orders: 240,
    phaseMs: { healthy: 1_500, degraded: 3_000, down: 3_000, recovering: 20_000 },
  },
  tiny: { ...base, orders: 80, phaseMs: { healthy: 600, degraded: 1_500, down: 1_500, recovering: 20_000 } },
};

/** What payments does with one charge request, decided by the seed, the order and its request count. */
export type ChargeFault = 'ok' | 'slow' | 'very-slow' | 'unavailable' | 'reset';

/** The orders of a run and the payments behaviour per request: the same for both runs of one seed. */
export interface FaultScript {
  readonly seed: number;
  readonly orders: readonly {
    readonly orderId: string;
    readonly amountCents: number;
    readonly twice: boolean;
  }[];
  /** What payments does with the `nth` (0-based) charge request for `orderId` in `phase`. */
  chargeFault(phase: Phase, orderId: string, nth: number): ChargeFault;
  /** Latency of an answered request, in ms. */
  latencyMs(fault: ChargeFault, orderId: string, nth: number): number;
}

/**
 * Builds the fault script for a seed: 30 % 503s and slow answers while degraded, connection resets
 * while down, a few 503s while recovering.
 *
 * @example
 * ```ts
 * const script = faultScript(42, SIZES.tiny);
 * script.chargeFault('degraded', script.orders[0].orderId, 0); // 'ok' | 'slow' | ...
 * ```
 */
export function faultScript(seed: number, size: DemoSize): FaultScript {
  const random = mulberry32(seed);
  const orders = Array.from({ length: size.orders }, (_, i) => ({
    orderId: `order-${String(i + 1).padStart(4, '0')}`,
    amountCents: 500 + Math.floor(random() * 20_000),
    twice: random() < size.duplicateShare,
  }));
  // One number per (order, request): the decision does not depend on which run or instance asks first.
  const draw = (orderId: string, nth: number, salt: number): number =>
    mulberry32((seed ^ hash(orderId) ^ Math.imul(nth + 1, 0x9e3779b1) ^ salt) >>> 0)();
  return {
    seed,
    orders,
    chargeFault(phase, orderId, nth) {
      const r = draw(orderId, nth, 0x51ed);
      switch (phase) {
        case 'healthy':
          return 'ok';
        case 'degraded':
          if (r < 0.3) return 'unavailable';
          if (r < 0.45) return 'slow';
          if (r < 0.5) return 'very-slow';
          return 'ok';
        case 'down':
          return 'reset';
        case 'recovering':
          return r < 0.1 ? 'unavailable' : 'ok';
      }
    },
    latencyMs(fault, orderId, nth) {
      const r = draw(orderId, nth, 0x1a7e);
      if (fault === 'slow') return 200 + Math.floor(r * 200);
      if (fault === 'very-slow') return 2_000;
      return 5 + Math.floor(r * 20);
    },
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
