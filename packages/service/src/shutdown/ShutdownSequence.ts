// The shutdown, in order: not ready -> grace period -> stop accepting -> drain requests and dependency calls ->
// close hooks in reverse order -> exit 0. The deadline (from the signal) or a second signal ends it with exit 1
// and one error line naming what was still running.

import { serializeError } from '@bulwark/errors';
import type { ServicePhase } from '../health/HealthReport.js';
import type { RequestTracker } from '../http/RequestTracker.js';
import type { ServiceLogger } from '../options/ServiceLogger.js';
import { readDependency } from '../readDependency.js';
import type { ServiceDependency } from '../ServiceDependency.js';

/**
 * A resource to release once requests have drained (a pool, a consumer, a tracer): run in reverse order of
 * registration, each awaited, within the shutdown deadline.
 *
 * @example
 * ```ts
 * import { createService, type CloseHook } from '@bulwark/service';
 * const closePool: CloseHook = async () => {};
 * createService().onClose('postgres pool', closePool);
 * ```
 */
export type CloseHook = () => unknown;

export interface ShutdownParts {
  readonly graceMs: number;
  readonly timeoutMs: number;
  readonly exit: (code: number) => void;
  readonly logger: ServiceLogger;
  readonly tracker: RequestTracker;
  readonly dependencies: () => readonly ServiceDependency[];
  readonly hooks: readonly { readonly name: string; readonly close: CloseHook }[];
  readonly setPhase: (phase: ServicePhase) => void;
  readonly now: () => number;
}

const DEPENDENCY_POLL_MS = 20;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function busyDependencies(dependencies: readonly ServiceDependency[]) {
  return dependencies
    .map(readDependency)
    .map(({ name, inFlight }) => ({ name, inFlight }))
    .filter((dep) => dep.inFlight > 0);
}

export class ShutdownSequence {
  readonly #parts: ShutdownParts;
  #started: number | undefined;
  #forced = false;
  #stage: 'grace' | 'drain' | 'close-hooks' = 'grace';
  #hook: string | undefined;
  #deadline: NodeJS.Timeout | undefined;
  #done: Promise<void> = Promise.resolve();

  constructor(parts: ShutdownParts) {
    this.#parts = parts;
  }

  get started(): boolean {
    return this.#started !== undefined;
  }

  /** Starts the shutdown; a second call (a second signal) forces exit 1. */
  start(reason: string): Promise<void> {
    const p = this.#parts;
    if (this.#started !== undefined) {
      this.force(`second signal (${reason})`);
      return this.#done;
    }
    this.#started = p.now();
    p.setPhase('shutting-down');
    p.logger.info('shutdown started: readiness now answers 503', {
      reason,
      graceMs: p.graceMs,
      timeoutMs: p.timeoutMs,
      inFlightRequests: p.tracker.inFlight,
    });
    this.#deadline = setTimeout(() => this.force(`deadline of ${p.timeoutMs} ms`), p.timeoutMs);
    this.#done = this.#run();
    return this.#done;
  }

  async #run(): Promise<void> {
    const p = this.#parts;
    await sleep(p.graceMs);
    if (this.#forced) return;
    this.#stage = 'drain';
    p.tracker.stopAccepting();
    p.logger.info('shutdown: no longer accepting connections, draining', {
      inFlightRequests: p.tracker.inFlight,
      inFlightCalls: busyDependencies(p.dependencies()),
    });
    await p.tracker.whenIdle();
    while (!this.#forced && busyDependencies(p.dependencies()).length > 0) await sleep(DEPENDENCY_POLL_MS);
    if (this.#forced) return;
    this.#stage = 'close-hooks';
    const failed: string[] = [];
    for (const hook of [...p.hooks].reverse()) {
      this.#hook = hook.name;
      try {
        await hook.close();
      } catch (error) {
        failed.push(hook.name);
        p.logger.error('shutdown: close hook failed', { hook: hook.name, error: serializeError(error) });
      }
      if (this.#forced) return;
    }
    this.#hook = undefined;
    clearTimeout(this.#deadline);
    p.setPhase('stopped');
    const durationMs = p.now() - (this.#started ?? p.now());
    if (failed.length > 0) {
      p.logger.error(`shutdown finished with failed close hooks: ${failed.join(', ')}`, {
        durationMs,
        failedHooks: failed,
      });
      p.exit(1);
      return;
    }
    p.logger.info('shutdown complete', { durationMs });
    p.exit(0);
  }

  /** What is still running, in words, for the forced-exit line. */
  #running(): string {
    const p = this.#parts;
    const parts: string[] = [];
    const counts = new Map<string, number>();
    for (const request of p.tracker.requests) {
      const key = `${request.method} ${request.path}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    if (counts.size > 0) {
      const shown = [...counts].slice(0, 5).map(([key, n]) => `${key} x${n}`);
      const more = counts.size > 5 ? `, ${counts.size - 5} more paths` : '';
      parts.push(`${p.tracker.inFlight} requests (${shown.join(', ')}${more})`);
    }
    for (const dep of busyDependencies(p.dependencies())) {
      parts.push(`dependency ${dep.name}: ${dep.inFlight} calls in flight`);
    }
    if (this.#hook !== undefined) parts.push(`close hook ${this.#hook}`);
    return parts.length === 0 ? 'nothing tracked' : parts.join('; ');
  }

  /** Ends the process with exit 1 and a line naming what was still running. */
  force(reason: string): void {
    if (this.#forced) return;
    this.#forced = true;
    clearTimeout(this.#deadline);
    const p = this.#parts;
    const running = this.#running();
    p.logger.error(`shutdown forced by ${reason}: still running: ${running}`, {
      reason,
      stage: this.#stage,
      elapsedMs: p.now() - (this.#started ?? p.now()),
      inFlightRequests: p.tracker.inFlight,
      inFlightCalls: busyDependencies(p.dependencies()),
      closeHook: this.#hook,
    });
    p.tracker.destroyAll();
    p.exit(1);
  }
}
