import { wrapDependency } from '@bulwark/policies';

// A ratio breaker for a busy service, the slow-call trigger, a bulkhead, and a tighter retry budget.
export const search = wrapDependency('search', {
  timeout: { attemptMs: 800, totalMs: 2_500 },
  retry: { maxAttempts: 2, budget: { ratio: 0.05, minRetriesPerSecond: 1 } },
  breaker: {
    kind: 'sampling',
    failureRatio: 0.2,
    windowMs: 30_000,
    minimumCalls: 50,
    halfOpenAfterMs: 5_000,
    halfOpenProbes: 3,
    slowCall: { durationMs: 500, rateThreshold: 0.5, minimumCalls: 20, windowSize: 100 },
  },
  bulkhead: { limit: 50, queue: 100 },
});
