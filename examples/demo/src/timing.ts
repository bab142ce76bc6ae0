// The orders service's timing, compressed for the demo: the same shape as LAMBDA_TIMING, scaled so a
// payments outage takes seconds. A 150 ms attempt against a payments server that answers in 5-25 ms when
// healthy plays the part of a 2 s attempt against one that answers in 100-300 ms.
import type { ServiceTiming } from '../../orders-service/src/config.js';
import type { ProbeTiming } from '../../orders-service/src/probe.js';

/** The consumer's policies in the demo. */
export const DEMO_TIMING: ServiceTiming = Object.freeze({
  paymentsAttemptMs: 150,
  paymentsTotalMs: 500,
  paymentsMaxAttempts: 3,
  backoffInitialMs: 20,
  backoffMaxMs: 100,
  breakerThreshold: 5,
  halfOpenAfterMs: 1_000,
  sharedStateMaxAgeSeconds: 1,
  tableAttemptMs: 300,
  tableTotalMs: 800,
  safetyMarginMs: 200,
  idempotencyExpirySeconds: 3_600,
});

/** The probe in the demo: one check per scheduled run. */
export const DEMO_PROBE_TIMING: ProbeTiming = Object.freeze({
  checksPerInvocation: 1,
  checkIntervalMs: 100,
  checkTimeoutMs: 100,
  retryAfterSeconds: 1,
});
