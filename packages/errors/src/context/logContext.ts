// The keys of the unit of work that is running (an SQS record, an HTTP request), carried through
// AsyncLocalStorage so that a retry or give-up line written deep in a dependency call names the message that
// caused it. Generic on purpose: the Lambda handlers fill it, the policies only read it, and neither imports
// the other's types.

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The keys every Bulwark log line written inside {@link runWithLogContext} carries.
 *
 * @example
 * ```ts
 * import type { LogContext } from '@bulwark/errors';
 * const keys: LogContext = { correlation_id: 'm-1', messageId: 'm-1' };
 * ```
 */
export type LogContext = Readonly<Record<string, string>>;

const storage = new AsyncLocalStorage<LogContext>();
const EMPTY: LogContext = Object.freeze({});

/**
 * Runs `fn` with `keys` added to the keys of the enclosing context (inner keys win); every log line Bulwark
 * writes while `fn` runs, awaited work included, carries them.
 *
 * @example
 * ```ts
 * import { runWithLogContext } from '@bulwark/errors';
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna');
 * await runWithLogContext({ correlation_id: 'req-1' }, () => edna.execute(async () => 'ok'));
 * ```
 */
export function runWithLogContext<T>(keys: LogContext, fn: () => T): T {
  // A copy either way: the caller may change its object later (spreading no store adds nothing).
  return storage.run({ ...storage.getStore(), ...keys }, fn);
}

/**
 * The keys of the unit of work running now (an empty object outside any).
 *
 * @example
 * ```ts
 * import { currentLogContext } from '@bulwark/errors';
 * console.log(currentLogContext().correlation_id); // undefined outside a handler
 * ```
 */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? EMPTY;
}

/**
 * Sets `keys` (added to the enclosing ones) for the rest of the current asynchronous execution, for a
 * middleware whose `before` cannot wrap the handler (middy). Prefer {@link runWithLogContext}, which ends
 * with its function: what is entered here lasts until the next `enterLogContext` of the same execution.
 *
 * @example
 * ```ts
 * import { enterLogContext } from '@bulwark/errors';
 * const before = async () => enterLogContext({ correlation_id: 'req-1' });
 * ```
 */
export function enterLogContext(keys: LogContext): void {
  storage.enterWith({ ...storage.getStore(), ...keys });
}
