// The dependency's events as span events on the running call's span, and the retry counter. Wired once per dependency; each listener does nothing until an SDK is
// registered (and @opentelemetry/api is installed).

import type * as OtelApi from '@opentelemetry/api';
import type { Dependency } from '../Dependency.js';
import { callEvent, loadOtelApi, type OtelRecorder, otelActive, refusedBy } from './otel.js';
import { ensureGauges, watchGauges } from './otelGauges.js';

export function wireOtel(dep: Dependency<unknown>, recorder: OtelRecorder): void {
  watchGauges(dep);
  const dependency = dep.name;
  let otel: typeof OtelApi | null = null;
  const active = (): boolean => {
    if (!otelActive()) return false;
    otel = loadOtelApi();
    // Stryker disable next-line BooleanLiteral: onRetry checks otel for null again, and the others only add events to a traced call (none without the API)
    if (otel === null) return false;
    ensureGauges(otel);
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
    if (active()) refusedBy({ 'bulwark.refused_by': e.by, 'bulwark.retry_after_ms': e.retryAfterMs });
  });
}
