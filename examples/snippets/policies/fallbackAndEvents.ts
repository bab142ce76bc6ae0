import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { wrapDependency } from '@bulwark/policies';

const logger = new Logger({ serviceName: 'orders' });
const metrics = new Metrics({ namespace: 'orders' });

interface Prices {
  readonly prices: Record<string, number>;
  readonly stale: boolean;
}
let lastGood: Prices = { prices: {}, stale: true };

export const pricing = wrapDependency('pricing', {
  logger,
  metrics,
  fallback: (error, { classification }): Prices => {
    // Serve the last good answer when pricing is down; never hide a bug of ours.
    if (classification.kind === 'permanent') throw error;
    return { ...lastGood, stale: true };
  },
});

pricing.onBreak(({ retryAfterMs, trigger }) => {
  logger.error('pricing circuit opened', { retryAfterMs, trigger });
});

export async function prices(): Promise<Prices> {
  const result = await pricing.execute(async ({ signal }) => {
    const res = await fetch('https://pricing.internal/v1/prices', { signal });
    if (!res.ok) throw new Error(`pricing answered ${res.status}`);
    return { prices: (await res.json()) as Record<string, number>, stale: false };
  });
  if (!result.stale) lastGood = result;
  return result;
}
