// The request during which a breaker opens fails with the error that tripped it (a 503 from upstream, a
// timeout), while the requests after it are refused by the open breaker. Both should answer alike: this finds
// the open breaker behind a transient failure, and how long it stays open (from its last onBreak event).

import type { Classification } from '@bulwark/errors';
import type { HttpBreakerDependency } from './HttpHandlerOptions.js';

export interface OpenBreaker {
  readonly dependency: string;
  /** Time left before the breaker half-opens, when its onBreak event said; undefined otherwise. */
  readonly retryAfterMs: number | undefined;
}

const OPEN = new Set(['open', 'isolated', 'forced-open']);

export type BreakerWatch = (c: Classification) => OpenBreaker | undefined;

/** Subscribes to each dependency's onBreak (when it has one) once, at construction. */
export function watchBreakers(dependencies: readonly HttpBreakerDependency[]): BreakerWatch {
  const lastBreak = new Map<string, { readonly retryAfterMs: number; readonly at: number }>();
  for (const dep of dependencies) {
    if (typeof dep.onBreak !== 'function') continue;
    dep.onBreak((event) => {
      lastBreak.set(dep.name, { retryAfterMs: Number(event?.retryAfterMs), at: Date.now() });
    });
  }
  return (c) => {
    // Only a failure that says something about a dependency's availability; never a 4xx or a bug.
    if (c.kind !== 'transient' && c.kind !== 'dependency-down') return undefined;
    if (c.kind === 'dependency-down' && c.reason === 'circuit-open') return undefined;
    for (const dep of dependencies) {
      if (c.dependency !== undefined && c.dependency !== dep.name) continue;
      let state: unknown;
      try {
        state = dep.state;
      } catch {
        // A state getter that throws reads as not open: undefined is in no OPEN state.
      }
      if (!OPEN.has(state as string)) continue;
      const last = lastBreak.get(dep.name);
      const retryAfterMs = last === undefined ? undefined : last.retryAfterMs - (Date.now() - last.at);
      return { dependency: dep.name, retryAfterMs };
    }
    return undefined;
  };
}
