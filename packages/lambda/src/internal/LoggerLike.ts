// The logger options are typed by the methods Bulwark calls, never by Powertools' Logger class: two copies of
// @aws-lambda-powertools/logger (the application's and ours) make tsc refuse one Logger for the other
// (`#private` members), and a console-like object is a fair logger too.

/** What a log line is given: a message, or one object with a `message` (Powertools' single-object form). */
export type LogInput = string | { readonly message: string; readonly [key: string]: unknown };

/**
 * The part of a logger Bulwark uses: a Powertools `Logger` of any 2.x version fits, and so does a
 * console-like object. `createChild`, `setCorrelationId` and `appendKeys` are used when present (a child per record or
 * request, with the message id or correlation id attached); without them the logger itself is used.
 *
 * @example
 * ```ts
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { sqsHandler, type LoggerLike } from '@bulwark/lambda';
 * const logger: LoggerLike = new Logger({ serviceName: 'orders' });
 * const plain: LoggerLike = { debug: console.debug, info: console.info, warn: console.warn, error: console.error };
 * export const handler = sqsHandler(async () => undefined, { logger: plain });
 * ```
 */
export interface LoggerLike {
  debug(input: LogInput, ...attributes: Record<string, unknown>[]): void;
  info(input: LogInput, ...attributes: Record<string, unknown>[]): void;
  warn(input: LogInput, ...attributes: Record<string, unknown>[]): void;
  error(input: LogInput, ...attributes: Record<string, unknown>[]): void;
  createChild?(): LoggerLike;
  setCorrelationId?(correlationId: string): void;
  appendKeys?(attributes: Record<string, unknown>): void;
}

const METHODS = ['debug', 'info', 'warn', 'error'] as const;

/** True when `value` has the four logging methods. */
export function isLoggerLike(value: unknown): value is LoggerLike {
  // Stryker disable next-line ConditionalExpression: without it null reaches the method read, which throws into the catch's false
  if (typeof value !== 'object' || value === null) return false;
  try {
    return METHODS.every((m) => typeof (value as Record<string, unknown>)[m] === 'function');
  } catch {
    return false;
  }
}

/**
 * A child of `parent` carrying `correlationId` (and `keys`, through Powertools' `appendKeys`), or `parent`
 * itself when it cannot make children: the same keys Bulwark's own lines get from the log context.
 */
export function childLogger(
  parent: LoggerLike,
  correlationId: string,
  keys?: Record<string, string>,
): LoggerLike {
  if (typeof parent.createChild !== 'function') return parent;
  const child = parent.createChild();
  child.setCorrelationId?.(correlationId);
  if (keys !== undefined) child.appendKeys?.(keys);
  return child;
}
