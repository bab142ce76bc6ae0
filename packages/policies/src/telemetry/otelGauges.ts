// The observable gauges (breaker state, retry budget available), registered once per meter provider, on
// the first traced call or event: they report every wrapped dependency still alive, weakly held.

import type * as OtelApi from '@opentelemetry/api';
import type { Dependency, DependencyState } from '../Dependency.js';

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

/** The watched dependencies still alive; forgets those collected. */
function* alive(): Generator<Dependency<unknown>> {
  for (const ref of watched) {
    const dep = ref.deref();
    // Stryker disable next-line BlockStatement: forgetting a dead ref only saves memory (it is skipped on every read)
    if (dep === undefined) {
      // Stryker disable next-line CallExpression: as above
      watched.delete(ref);
    } else {
      yield dep;
    }
  }
}

function observeStates(result: OtelApi.ObservableResult): void {
  for (const dep of alive()) {
    const state = dep.state;
    result.observe(BREAKER_STATE_VALUES[state], {
      'bulwark.dependency': dep.name,
      'bulwark.breaker.state': state,
    });
  }
}

function observeBudgets(result: OtelApi.ObservableResult): void {
  for (const dep of alive()) {
    // Without a budget every retry is allowed (Infinity): no series rather than an infinite one.
    const available = dep.stats().budgetAvailable;
    if (Number.isFinite(available)) result.observe(available, { 'bulwark.dependency': dep.name });
  }
}

/** Registers the breaker-state and budget gauges on the application's meter provider (once per provider). */
export function ensureGauges(otel: typeof OtelApi): void {
  const provider = otel.metrics.getMeterProvider() as object;
  if (gauges.has(provider)) return;
  gauges.add(provider);
  const meter = otel.metrics.getMeter('@bulwark/policies');
  meter
    .createObservableGauge('bulwark.breaker.state', {
      description: 'Breaker state per dependency: 0 closed, 1 half-open, 2 open, 3 isolated',
    })
    .addCallback(observeStates);
  meter
    .createObservableGauge('bulwark.retry_budget.available', {
      description: 'Retries the retry budget allows right now, per dependency with a budget',
    })
    .addCallback(observeBudgets);
}

/** Adds a dependency to the gauges' series. */
export function watchGauges(dep: Dependency<unknown>): void {
  watched.add(new WeakRef(dep));
}
