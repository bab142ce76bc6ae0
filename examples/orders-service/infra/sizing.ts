// The numbers of the stack, derived from the service's own timing so they cannot drift apart
// (OrdersStack.test.ts checks each relation named here).
import { LAMBDA_TIMING } from '../src/config.js';
import { PROBE_TIMING } from '../src/probe.js';

const probeWorstMs =
  (PROBE_TIMING.checksPerInvocation - 1) * PROBE_TIMING.checkIntervalMs +
  PROBE_TIMING.checksPerInvocation * PROBE_TIMING.checkTimeoutMs;

/** The stack's sizes and timeouts, in seconds where CloudFormation wants seconds. */
export const ORDERS_SIZING = Object.freeze({
  batchSize: 10,
  // Records run one after another and start only while they fit (deadline guard), so one slow batch
  // ends with the unstarted records reported, not with a timeout: a minute holds several full charges.
  consumerTimeoutSeconds: 60,
  // AWS guidance for SQS event sources: visibility timeout >= 6 x function timeout.
  visibilityTimeoutSeconds: 6 * 60,
  maxReceiveCount: 10,
  maxConcurrency: 5,
  // The status API: one table read (tableTotalMs) well inside the function timeout, which is inside
  // API Gateway's integration timeout (HTTP API allows at most 30 s).
  apiTimeoutSeconds: Math.ceil((LAMBDA_TIMING.tableTotalMs + 500) / 1_000) + 5,
  apiIntegrationTimeoutSeconds: Math.ceil((LAMBDA_TIMING.tableTotalMs + 500) / 1_000) + 7,
  // The probe's worst case plus 10 s, and below its schedule period so invocations never overlap.
  probeTimeoutSeconds: Math.ceil(probeWorstMs / 1_000) + 10,
  probeWorstMs,
});
