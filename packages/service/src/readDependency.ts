// Reads what the service needs from a dependency without letting a throwing getter or stats() take a probe,
// a scrape or the shutdown down with it: the dependency is then reported in state 'unknown'.

import type { ServiceDependency } from './ServiceDependency.js';

export interface DependencyReading {
  readonly name: string;
  readonly state: string;
  readonly inFlight: number;
  readonly stats: Readonly<Record<string, unknown>> | undefined;
}

export function readDependency(dep: ServiceDependency): DependencyReading {
  let state: string;
  try {
    state = typeof dep.state === 'string' ? dep.state : 'unknown';
  } catch {
    state = 'unknown';
  }
  let stats: Readonly<Record<string, unknown>> | undefined;
  try {
    const value: unknown = dep.stats();
    stats = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    stats = undefined;
  }
  const raw = stats?.inFlight;
  const inFlight = typeof raw === 'number' && Number.isFinite(raw) && raw > 0 ? raw : 0;
  return { name: dep.name, state: stats === undefined ? 'unknown' : state, inFlight, stats };
}
