// The service's configuration, checked before any port opens: every problem listed at once, no value echoed.
import { z } from 'zod';

export const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** The payments API: critical (an order cannot be shown without its payment). */
  PAYMENTS_URL: z.url(),
  /** Sent to payments as a bearer token: a secret, never logged. */
  PAYMENTS_TOKEN: z.string().min(16),
  PAYMENTS_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(2_000),
  /** The recommendations API: optional (an empty list is an acceptable answer). */
  RECOMMENDATIONS_URL: z.url(),
  /** Kubernetes: terminationGracePeriodSeconds must exceed SHUTDOWN_TIMEOUT_MS. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(25_000),
});

export type Config = z.output<typeof Config>;
