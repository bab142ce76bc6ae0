// Listeners are the caller's code running inside a call: whatever they do, the call's outcome stays the
// same and the process stays up. A throw, or a promise that rejects (an async pager hook), is reported once
// through the dependency's logger with the error serialized, never left as an unhandled rejection.

import { optionError, serializeError } from '@bulwark/errors';
import type { EventEmitter } from 'cockatiel';
import type { DependencyEvent } from '../Dependency.js';
import type { DependencyLogger } from '../options/DependencyOptions.js';

/** Where a failed listener is reported: the event's name (`edna.onBreak`) and what it threw. */
export type ListenerReport = (event: string, error: unknown) => void;

/**
 * A listener never changes a call's outcome and never crashes the process: what it throws, and a promise
 * (or thenable) it returns that rejects, go to `report` once each.
 */
export function guarded<E>(
  emitter: EventEmitter<E>,
  event: string,
  report: ListenerReport,
): DependencyEvent<E> {
  return (listener) => {
    if (typeof listener !== 'function') {
      throw optionError(event, 'listener', listener, 'a function');
    }
    return emitter.addListener((payload) => {
      let result: unknown;
      try {
        result = (listener as (e: E) => unknown)(payload);
      } catch (error) {
        report(event, error);
        return;
      }
      if (result === null || (typeof result !== 'object' && typeof result !== 'function')) return;
      try {
        const then = (result as { then?: unknown }).then;
        if (typeof then === 'function') {
          then.call(result, undefined, (error: unknown) => report(event, error));
        }
      } catch (error) {
        report(event, error);
      }
    });
  };
}

/** Reports a failed listener through the logger, once; a logger that throws is ignored. */
export function listenerReporter(dependency: string, logger: DependencyLogger | undefined): ListenerReport {
  return (event, error) => {
    // Stryker disable next-line ConditionalExpression: without it, undefined.warn throws inside the try below: nothing reported either way
    if (logger === undefined) return;
    try {
      logger.warn('dependency event listener failed', { dependency, event, error: serializeError(error) });
    } catch {
      // The logger itself failed: nothing left to tell.
    }
  };
}
