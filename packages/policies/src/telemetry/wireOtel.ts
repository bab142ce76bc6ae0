// The dependency's events as span events on the running call's span, the retry counter, and the breaker
// state as an observable gauge. Wired once per dependency; each listener does nothing until an SDK is
// registered (and @opentelemetry/api is installed).

import type * as OtelApi from '@opentelemetry/api';
import type { Dependency, DependencyState } from '../Dependency.js';
import { callEvent, loadOtelApi, type OtelRecorder, otelActive } from './otel.js';

/** The gauge's value per state (`bulwark.breaker.state`): 0 closed, 1 half-open, 2 open, 3 isolated. */
export const BREAKER_STATE_VALUES: Readonly<Record<DependencyState, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
  isolated: 3,
};

/** Every wrapped dependency, weakly: the gauge reports those still alive. */
const watched = new Set<WeakRef<Dependency<unknown>>>();
const gauges = new WeakSet<object>();

function observeStates(result: OtelApi.ObservableResult): void {
  for (const ref of watched) {
    const dep = ref.deref();
    if (dep === undefined) {
      watched.delete(ref);
      continue;
    }
    const state = dep.state;
    result.observe(BREAKER_STATE_VALUES[state], {
      'bulwark.dependency': dep.name,
      'bulwark.breaker.state': state,
    });
  }
}

/** Registers the breaker-state gauge on the application's meter provider (once per provider). */
function ensureGauge(otel: typeof OtelApi): void {
  const provider = otel.metrics.getMeterProvider() as object;
  if (gauges.has(provider)) return;
  gauges.add(provider);
  otel.metrics
    .getMeter('@bulwark/policies')
    .createObservableGauge('bulwark.breaker.state', {
      description: 'Breaker state per dependency: 0 closed, 1 half-open, 2 open, 3 isolated',
    })
    .addCallback(observeStates);
}

export function wireOtel(dep: Dependency<unknown>, recorder: OtelRecorder): void {
  watched.add(new WeakRef(dep));
  const dependency = dep.name;
  let otel: typeof OtelApi | null = null;
  const active = (): boolean => {
    if (!otelActive()) return false;
    otel = loadOtelApi();
    if (otel === null) return false;
    ensureGauge(otel);
    return true;
  };
  dep.onRetry((e) => {
    if (!active() || otel === null) return;
    recorder.instruments(otel).retries.add(1, { 'bulwark.dependency': dependency });
    callEvent('retry', {
      'bulwark.attempt': e.attempt,
      'bulwark.retry.delay_ms': e.delayMs,
      'error.type': e.classification.reason ?? e.classification.kind,
    });
  });
  dep.onBreak((e) => {
    if (active()) callEvent('breaker.opened', { 'bulwark.breaker.state': e.state });
  });
  dep.onHalfOpen(() => {
    if (active()) callEvent('breaker.half_open', { 'bulwark.breaker.state': 'half-open' });
  });
  dep.onReset(() => {
    if (active()) callEvent('breaker.closed', { 'bulwark.breaker.state': 'closed' });
  });
  dep.onTimeout((e) => {
    if (active())
      callEvent('timeout', {
        'bulwark.attempt': e.attempt,
        'bulwark.timeout.kind': e.kind,
        'bulwark.timeout.ms': e.timeoutMs,
      });
  });
  dep.onFallback((e) => {
    if (active()) callEvent('fallback', { 'error.type': e.classification.reason ?? e.classification.kind });
  });
  dep.onRateLimited((e) => {
    if (active())
      callEvent('refusal', { 'bulwark.refused_by': e.by, 'bulwark.retry_after_ms': e.retryAfterMs });
  });
}
