// swallowed-error: a log line written through a function of the project's named for it: `logException(logger,
// error)`, `logError(e)`, `logCriticalError({ ... })`. Such a helper records the failure, as `logger.error`
// does; a catch made of it still drops the failure. Only a bare call (no object) is read by its name here:
// a method is judged by its object (`logger.error`, `Sentry.captureException`) in catchFacts.ts.
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
