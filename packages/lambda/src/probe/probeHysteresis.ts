// The probe's memory and its one decision: given the fleet document and the consecutive check results
// so far, should a new state be written? Pure, so the rules can be tested as a table.
import type { FleetBreakerState } from '@bulwark/policies';

/** Consecutive results for one dependency. Kept in the module across warm invocations. */
export interface ProbeCounters {
  failures: number;
  successes: number;
}

/**
 * What the probe knows of the fleet document before deciding:
 * - a state: the document is valid;
 * - `missing`: no parameter (nothing written yet);
 * - `repairable`: a document readers refuse (not JSON, wrong shape); the probe's verdict replaces it;
 * - `foreign`: a document of an unknown version; written by a newer tool, so left alone.
 */
export type ProbeBaseline = FleetBreakerState | 'missing' | 'repairable' | 'foreign';

export type ProbeDecision =
  | { readonly write: false; readonly why: 'forced' | 'foreign' | 'no-change' | 'below-threshold' }
  | { readonly write: true; readonly state: 'open' | 'closed' };

export function recordCheck(counters: ProbeCounters, healthy: boolean): void {
  if (healthy) {
    counters.successes++;
    counters.failures = 0;
  } else {
    counters.failures++;
    counters.successes = 0;
  }
}

export function decideTransition(
  baseline: ProbeBaseline,
  counters: Readonly<ProbeCounters>,
  thresholds: { readonly failureThreshold: number; readonly successThreshold: number },
): ProbeDecision {
  if (baseline === 'forced-open' || baseline === 'forced-closed') return { write: false, why: 'forced' };
  if (baseline === 'foreign') return { write: false, why: 'foreign' };
  const shouldOpen = counters.failures >= thresholds.failureThreshold;
  const shouldClose = counters.successes >= thresholds.successThreshold;
  if (baseline === 'open') return shouldClose ? { write: true, state: 'closed' } : noChange(shouldOpen);
  if (baseline === 'closed') return shouldOpen ? { write: true, state: 'open' } : noChange(shouldClose);
  // missing or repairable: the first verdict that clears its threshold establishes the document.
  if (shouldOpen) return { write: true, state: 'open' };
  if (shouldClose) return { write: true, state: 'closed' };
  return { write: false, why: 'below-threshold' };
}

function noChange(confirmsCurrent: boolean): ProbeDecision {
  return { write: false, why: confirmsCurrent ? 'no-change' : 'below-threshold' };
}
