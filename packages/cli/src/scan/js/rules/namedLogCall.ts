// swallowed-error: a log line written through a function of the project's named for it: `logException(logger,
// error)`, `logError(e)`, `logCriticalError({ ... })`, or the level functions a project's logger module exports
// bare, `import { error, warn } from './logger'; error('Failed to get tags', e)`. Such a helper records the
// failure, as `logger.error` does; a catch made of it still drops the failure. Only a bare call (no object) is
// read by its name here: a method is judged by its object (`logger.error`, `Sentry.captureException`) in
// catchFacts.ts.
import type { Node } from '../ast.js';
import { boundToNonLogger, LEVEL } from '../levelCallBindings.js';

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
 * A bare call of a logger's level, `error('Failed to batch write', e)`. A status first is an HTTP error
 * factory, which throws or builds the error a framework answers (SvelteKit's `error(404, 'Not found')`):
 * no log line. Nor is a call the module binds to a function that throws or answers, or to an import from a
 * module that is no logger (levelCallBindings.ts); an unbound name is judged by its name.
 *
 * @example
 * levelLogCall(parse("error('Failed to get tags', e)")) // -> true
 * levelLogCall(parse("error(500, 'Failed')")) // -> false
 */
export function levelLogCall(call: Node, name: string | undefined): boolean {
  // A project's own `error` that throws or answers, or one imported from no logger (levelCallBindings.ts).
  if (name === undefined || !LEVEL.test(name) || boundToNonLogger(call)) return false;
  const first = (call.arguments as Node[] | undefined)?.[0];
  return first !== undefined && !(first.type === 'Literal' && typeof first.value === 'number');
}
