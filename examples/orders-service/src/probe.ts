// The scheduled breaker probe: the only automatic writer of the fleet breaker state of payments. It checks
// payments' health endpoint a few times per invocation and writes `open` or `closed` to SSM; consumers read
// it (cached) and stop calling payments fleet-wide while it is open.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { breakerProbeHandler } from '@bulwark/lambda';
import type { SharedStateLogger } from '@bulwark/policies';
import { BREAKER_PREFIX } from './config.js';

/** How the probe checks: its schedule period is `retryAfterSeconds`. */
export interface ProbeTiming {
  readonly checksPerInvocation: number;
  readonly checkIntervalMs: number;
  readonly checkTimeoutMs: number;
  /** The schedule's period, in seconds: when callers may expect the next verdict. */
  readonly retryAfterSeconds: number;
}

/** One invocation a minute, three checks 15 s apart. */
export const PROBE_TIMING: ProbeTiming = Object.freeze({
  checksPerInvocation: 3,
  checkIntervalMs: 15_000,
  checkTimeoutMs: 2_000,
  retryAfterSeconds: 60,
});

/**
 * Builds the probe handler for payments.
 *
 * @example
 * ```ts
 * export const probe = createProbe({ paymentsUrl: 'https://payments.internal', timing: PROBE_TIMING });
 * ```
 */
export function createProbe(options: {
  readonly paymentsUrl: string;
  readonly timing: ProbeTiming;
  readonly client?: SSMClient;
  /** @defaultValue `console` */
  readonly logger?: SharedStateLogger;
}) {
  const { timing } = options;
  return breakerProbeHandler({
    parameterPrefix: BREAKER_PREFIX,
    dependencies: [
      { name: 'payments', url: `${options.paymentsUrl}/health`, timeoutMs: timing.checkTimeoutMs },
    ],
    failureThreshold: 3,
    successThreshold: 2,
    checksPerInvocation: timing.checksPerInvocation,
    checkIntervalMs: timing.checkIntervalMs,
    retryAfterSeconds: timing.retryAfterSeconds,
    ...(options.client === undefined ? {} : { client: options.client }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
}
