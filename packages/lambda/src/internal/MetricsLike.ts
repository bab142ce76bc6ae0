// Powertools Metrics is an optional peer: typed by the two methods used, never imported.

/**
 * The part of a Powertools `Metrics` instance Bulwark uses.
 *
 * @example
 * ```ts
 * import { Metrics } from '@aws-lambda-powertools/metrics';
 * import type { MetricsLike } from '@bulwark/lambda';
 * const metrics: MetricsLike = new Metrics({ namespace: 'orders' });
 * ```
 */
export interface MetricsLike {
  addMetric(name: string, unit: 'Count', value: number): void;
  publishStoredMetrics?(): void;
}
