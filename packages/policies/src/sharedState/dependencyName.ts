// A dependency's name goes into SSM parameter names (one path segment), CloudWatch dimension values
// (at most 1,024 characters), metric and log keys, and error messages. One rule keeps it fit for all:
// a 5,000-character name once became a dimension, and a newline in a name could forge a log line.
import { optionError } from '@bulwark/errors';

/**
 * The longest dependency name accepted: far inside CloudWatch's 1,024-character dimension values and
 * SSM's parameter-name limit, even under a long path prefix.
 *
 * @example
 * ```ts
 * import { MAX_DEPENDENCY_NAME_LENGTH } from '@bulwark/policies';
 * console.log(MAX_DEPENDENCY_NAME_LENGTH); // 128
 * ```
 */
export const MAX_DEPENDENCY_NAME_LENGTH = 128;

const DEPENDENCY_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** The rule, as error messages state it. */
const RULE = `1-${MAX_DEPENDENCY_NAME_LENGTH} characters of A-Z a-z 0-9 _ . - starting with a letter, digit or _`;

/**
 * Checks a dependency name and returns it; throws a `TypeError` naming `owner` and `field`, with the value
 * described (cut and escaped), never printed whole.
 *
 * @param owner - who checks it, as the user called it: `wrapDependency`, `ssmBreakerState`.
 * @param field - the option that holds it: `name`, `dependency`.
 * @throws TypeError for anything but 1-128 characters of `A-Za-z0-9_.-` starting with a letter, digit or `_`.
 * @example
 * ```ts
 * import { checkDependencyName } from '@bulwark/policies';
 * checkDependencyName('wrapDependency', 'name', 'edna'); // 'edna'
 * checkDependencyName('wrapDependency', 'name', 'edna\n'); // TypeError: wrapDependency: name must be ...
 * ```
 */
export function checkDependencyName(owner: string, field: string, name: unknown): string {
  if (!isDependencyName(name)) throw optionError(owner, field, name, RULE);
  return name;
}

/** True when `name` passes {@link checkDependencyName}; for refusing documents without throwing. */
export function isDependencyName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= MAX_DEPENDENCY_NAME_LENGTH && DEPENDENCY_NAME.test(name);
}
