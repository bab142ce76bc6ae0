// Builds the cockatiel circuit breaker for a normalised breaker option: ConsecutiveBreaker, CountBreaker
// or SamplingBreaker, half-open with N probes (halfOpenSampling), wrapped in SlowCallBreaker when the
// slow-call trigger is on. Only failures the classifier says count toward the breaker are handled.

import {
  type CircuitBreakerPolicy,
  ConsecutiveBreaker,
  CountBreaker,
  circuitBreaker,
  handleWhen,
  type IBreaker,
  SamplingBreaker,
} from 'cockatiel';
import type { NormalizedBreaker } from '../options/normalizeOptions.js';
import { SlowCallBreaker } from './SlowCallBreaker.js';

export interface BuiltBreaker {
  readonly policy: CircuitBreakerPolicy;
  readonly slow: SlowCallBreaker | undefined;
}

export function createBreaker(options: NormalizedBreaker, counts: (error: unknown) => boolean): BuiltBreaker {
  let inner: IBreaker;
  switch (options.kind) {
    case 'consecutive':
      inner = new ConsecutiveBreaker(options.threshold);
      break;
    case 'count':
      inner = new CountBreaker({
        threshold: options.failureRatio,
        size: options.size,
        minimumNumberOfCalls: options.minimumCalls,
      });
      break;
    case 'sampling':
      inner = new SamplingBreaker({
        threshold: options.failureRatio,
        duration: options.windowMs,
        // Polly's MinimumThroughput, as cockatiel's calls-per-second floor.
        minimumRps: options.minimumCalls / (options.windowMs / 1_000),
      });
      break;
  }
  const slow = options.slowCall ? new SlowCallBreaker(inner, options.slowCall) : undefined;
  let policy = handleWhen(counts);
  if (slow) policy = policy.orWhenResult(() => slow.takeTrip());
  return {
    policy: circuitBreaker(policy, {
      breaker: slow ?? inner,
      halfOpenAfter: options.halfOpenAfterMs,
      halfOpenSampling: { calls: options.halfOpenProbes, threshold: options.halfOpenFailureRatio },
    }),
    slow,
  };
}
