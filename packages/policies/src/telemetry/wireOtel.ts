// The dependency's events as span events on the running call's span, and the retry counter. Wired once per dependency; each listener does nothing until an SDK is
// registered (and @opentelemetry/api is installed).

import type { Dependency } from '../Dependency.js';
import { callEvent, loadOtelApi, type OtelRecorder, otelActive, refusedBy } from './otel.js';
import { watchGauges } from './otelGauges.js';

export function wireOtel(dep: Dependency<unknown>, recorder: OtelRecorder): void {
  watchGauges(dep);
  const dependency = dep.name;
  dep.onRetry((e) => {
    // Stryker disable next-line ConditionalExpression: without a registered SDK the API's meter is a no-op, so counting there records nothing
    if (!otelActive()) return;
    const otel = loadOtelApi();
    if (otel === null) return;
    recorder.instruments(otel).retries.add(1, { 'bulwark.dependency': dependency });
    callEvent('retry', {
      'bulwark.attempt': e.attempt,
      'bulwark.retry.delay_ms': e.delayMs,
      'error.type': e.classification.reason ?? e.classification.kind,
    });
  });
  // The events below land on the running call's span: callEvent does nothing outside a traced call.
  dep.onBreak((e) => callEvent('breaker.opened', { 'bulwark.breaker.state': e.state }));
  dep.onHalfOpen(() => callEvent('breaker.half_open', { 'bulwark.breaker.state': 'half-open' }));
  dep.onReset(() => callEvent('breaker.closed', { 'bulwark.breaker.state': 'closed' }));
  dep.onTimeout((e) =>
    callEvent('timeout', {
      'bulwark.attempt': e.attempt,
      'bulwark.timeout.kind': e.kind,
      'bulwark.timeout.ms': e.timeoutMs,
    }),
  );
  dep.onFallback((e) =>
    callEvent('fallback', { 'error.type': e.classification.reason ?? e.classification.kind }),
  );
  dep.onRateLimited((e) =>
    refusedBy({ 'bulwark.refused_by': e.by, 'bulwark.retry_after_ms': e.retryAfterMs }),
  );
}
