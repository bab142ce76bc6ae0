// The payments API the demo charges: a real HTTP server on 127.0.0.1 (@bulwark/testing's fault server)
// that follows the fault script, keeps a ledger of the charges it made, and honours `idempotency-key`
// the way payment APIs do (the same key returns the first charge instead of making another).
import { type FaultServer, type FaultServerStep, startFaultServer } from '@bulwark/testing';
import type { FaultScript, Phase } from './scenario.js';

/** The running server, its ledger and its counters. */
export interface PaymentsServer {
  readonly url: string;
  phase: Phase;
  /** Charge requests received, in all and while down. */
  readonly chargeRequests: { total: number; whileDown: number };
  /** Charges made per order (more than one is a customer charged twice). */
  readonly charges: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/**
 * Starts the payments server for one run.
 *
 * @example
 * ```ts
 * const payments = await startPaymentsServer(faultScript(1, SIZES.tiny));
 * payments.phase = 'down';
 * ```
 */
export async function startPaymentsServer(script: FaultScript): Promise<PaymentsServer> {
  const requestsPerOrder = new Map<string, number>();
  const charges = new Map<string, number>();
  const chargeByKey = new Map<string, string>();
  const chargeRequests = { total: 0, whileDown: 0 };
  let chargeSeq = 0;
  const state: { phase: Phase } = { phase: 'healthy' };

  let healthChecks = 0;
  const server: FaultServer = await startFaultServer((_hit, request): FaultServerStep => {
    const path = request.url ?? '/';
    if (path === '/health') {
      // The health endpoint fails like a charge does: 30 % of the time while degraded.
      const fault = script.chargeFault(state.phase, 'health', healthChecks++);
      if (fault === 'reset') return 'reset';
      return { status: fault === 'unavailable' ? 503 : 200, body: { status: state.phase } };
    }
    const match = /^\/charges\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (request.method !== 'POST' || match === null) return { status: 404, body: { error: 'not found' } };
    const orderId = match[1] as string;
    const nth = requestsPerOrder.get(orderId) ?? 0;
    requestsPerOrder.set(orderId, nth + 1);
    chargeRequests.total++;
    if (state.phase === 'down') chargeRequests.whileDown++;
    const fault = script.chargeFault(state.phase, orderId, nth);
    if (fault === 'reset') return 'reset';
    if (fault === 'unavailable') {
      return { status: 503, body: { error: 'unavailable' } };
    }
    // The charge is made now; a slow answer arrives after it (the case that charges twice without a key).
    const key = request.headers['idempotency-key'];
    let chargeId = typeof key === 'string' ? chargeByKey.get(key) : undefined;
    if (chargeId === undefined) {
      chargeId = `ch_${++chargeSeq}`;
      charges.set(orderId, (charges.get(orderId) ?? 0) + 1);
      if (typeof key === 'string') chargeByKey.set(key, chargeId);
    }
    return {
      slowHeadersMs: script.latencyMs(fault, orderId, nth),
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: { chargeId },
    };
  });

  return {
    url: server.url,
    get phase() {
      return state.phase;
    },
    set phase(next: Phase) {
      state.phase = next;
    },
    chargeRequests,
    charges,
    close: () => server.close(),
  };
}
