// swallowed-error: a log line written through a function of the project's named for it: `logException(logger,
// error)`, `logError(e)`, `logCriticalError({ ... })`. Such a helper records the failure, as `logger.error`
// does; a catch made of it still drops the failure. Only a bare call (no object) is read by its name here:
// a method is judged by its object (`logger.error`, `Sentry.captureException`) in catchFacts.ts.
import { type Node, unwrap } from '../ast.js';

/** `logException`, `logError`, `logCriticalError`, `logFailure`, `logWarning`: `log` then a word for a failure. */
const LOG_HELPER = /^log(\w*)(Error|Exception|Failure|Warning|Warn)$/;

/**
 * The name of a bare call is a log helper's.
 *
 * @example
 * namedLogHelper('logException') // -> true
 * namedLogHelper('login') // -> false
 */
export function namedLogHelper(name: string | undefined): boolean {
  return name !== undefined && LOG_HELPER.test(name);
}

/**
 * A statement that is only a call of a bare `log` with a message first (`log('error', 'closer.failed', { reason
 * })`, `log('Failed to update job progress', { jobId })`): the project's logger, imported from its utilities
 * or declared beside the handler. Only the unawaited statement is read so: a `log` whose promise is awaited
 * or returned (`return log('shop redacted', shop)`, an audit table's write) is work that can fail.
 *
 * @example
 * plainLogStatement(statement, call) // log('error', 'x.failed', { reason }); -> true
 * plainLogStatement(statement, call) // await log('redacted', shop); -> false
 */
export function plainLogStatement(statement: Node, call: Node): boolean {
  if (statement.type !== 'ExpressionStatement' || unwrap(statement.expression) !== call) return false;
  const callee = unwrap(call.callee);
  const first = unwrap((call.arguments as Node[])[0]);
  return (
    callee?.type === 'Identifier' &&
    callee.name === 'log' &&
    (first?.type === 'TemplateLiteral' || (first?.type === 'Literal' && typeof first.value === 'string'))
  );
}
