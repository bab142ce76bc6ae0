// The Prometheus registry of one service, on prom-client (see docs/service.md for why prom-client). Gauges and
// stats counters are read at scrape time; event counters and histograms are updated as things happen.

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsSource } from '../options/ServiceOptions.js';
import { readDependency } from '../readDependency.js';
import type { ServiceDependency } from '../ServiceDependency.js';
import { SERVICE_METRIC_NAMES as N } from './metricNames.js';

const STATES = ['closed', 'half-open', 'open', 'isolated'] as const;
const STATS_COUNTERS = [
  [N.dependencyCalls, 'calls', 'Logical calls made through execute/fetch.'],
  [N.dependencySuccesses, 'successes', 'Calls that returned a value (fallbacks excluded).'],
  [N.dependencyFailures, 'failures', 'Calls that ended in an error or a fallback.'],
  [N.dependencyAttempts, 'attempts', 'Attempts that reached the dependency.'],
  [N.dependencyRejected, 'rejected', 'Calls refused without reaching the dependency.'],
] as const;
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

export interface MetricsInputs {
  readonly dependencies: () => readonly ServiceDependency[];
  readonly inFlightRequests: () => number;
  readonly ready: () => boolean;
  readonly processMetrics: boolean;
  readonly durationBuckets: readonly number[];
  readonly include: readonly MetricsSource[];
}

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly #include: readonly MetricsSource[];
  readonly #events = new Map<string, Counter<'dependency'>>();
  readonly #callDuration: Histogram<'dependency' | 'outcome'>;
  readonly #requestDuration: Histogram<'method' | 'status_code'>;

  constructor(inputs: MetricsInputs) {
    const registers = [this.registry];
    this.#include = inputs.include;
    if (inputs.processMetrics) collectDefaultMetrics({ register: this.registry });
    for (const [event, name] of Object.entries(N.dependencyEvents)) {
      this.#events.set(
        event,
        new Counter({
          name,
          help: `Dependency ${event.slice(2)} events (the ${name} row of docs/service.md).`,
          labelNames: ['dependency'],
          registers,
        }),
      );
    }
    for (const [name, field, help] of STATS_COUNTERS) {
      new Counter({
        name,
        help,
        labelNames: ['dependency'],
        registers,
        collect() {
          this.reset();
          for (const dep of inputs.dependencies()) {
            const value = readDependency(dep).stats?.[field];
            if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
              this.inc({ dependency: dep.name }, value);
            }
          }
        },
      });
    }
    new Gauge({
      name: N.dependencyInFlight,
      help: 'Dependency calls in flight.',
      labelNames: ['dependency'],
      registers,
      collect() {
        this.reset();
        for (const dep of inputs.dependencies()) {
          this.set({ dependency: dep.name }, readDependency(dep).inFlight);
        }
      },
    });
    new Gauge({
      name: N.breakerState,
      help: 'Breaker state: 1 for the current state of each dependency, 0 for the others.',
      labelNames: ['dependency', 'state'],
      registers,
      collect() {
        this.reset();
        for (const dep of inputs.dependencies()) {
          const { state: current } = readDependency(dep);
          for (const state of STATES) this.set({ dependency: dep.name, state }, current === state ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: N.httpRequestsInFlight,
      help: 'HTTP requests being answered.',
      registers,
      collect() {
        this.set(inputs.inFlightRequests());
      },
    });
    new Gauge({
      name: N.serviceReady,
      help: '1 when readiness answers 200, 0 when it answers 503.',
      registers,
      collect() {
        this.set(inputs.ready() ? 1 : 0);
      },
    });
    this.#callDuration = new Histogram({
      name: N.dependencyCallDuration,
      help: 'Duration of dependency calls made through service.dependency(), retries and waits included.',
      labelNames: ['dependency', 'outcome'],
      buckets: [...inputs.durationBuckets],
      registers,
    });
    this.#requestDuration = new Histogram({
      name: N.httpRequestDuration,
      help: 'Duration of HTTP requests answered by the service (probes and /metrics excluded).',
      labelNames: ['method', 'status_code'],
      buckets: [...inputs.durationBuckets],
      registers,
    });
  }

  /** Subscribes the event counters of one dependency (each `on*` event the dependency has). */
  watch(dep: ServiceDependency): void {
    for (const [event, counter] of this.#events) {
      counter.inc({ dependency: dep.name }, 0);
      const subscribe = (dep as unknown as Record<string, unknown>)[event];
      if (typeof subscribe === 'function') {
        subscribe.call(dep, () => counter.inc({ dependency: dep.name }));
      }
    }
  }

  observeCall(dependency: string, outcome: 'success' | 'error', seconds: number): void {
    this.#callDuration.observe({ dependency, outcome }, seconds);
  }

  observeRequest(method: string, status: number, seconds: number): void {
    const label = KNOWN_METHODS.has(method) ? method : 'OTHER';
    this.#requestDuration.observe({ method: label, status_code: String(status) }, seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async text(): Promise<string> {
    const parts = [await this.registry.metrics()];
    for (const source of this.#include) parts.push(await source.metrics());
    return parts.map((part) => (part.endsWith('\n') ? part : `${part}\n`)).join('');
  }
}
