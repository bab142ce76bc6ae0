// The probe's copy of `breakerParameterName` from @bulwark/policies: the probe validates its options at
// construction, and importing @bulwark/policies (cockatiel and all) there would load it for every user
// of the @bulwark/lambda root entry. A test holds the two to the same answers.
import { describeValue } from '@bulwark/errors';

/** Equal to `DEFAULT_BREAKER_PREFIX` of @bulwark/policies (held by a test). */
export const PROBE_DEFAULT_PREFIX = '/bulwark/breakers/';

/** The same rule as `checkDependencyName` of @bulwark/policies: an SSM path segment, a dimension value, a log key. */
const DEPENDENCY_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const MAX_NAME_LENGTH = 128;

export function probeParameterName(prefix: string, dependency: string): string {
  if (typeof prefix !== 'string' || !prefix.startsWith('/') || !/^[a-zA-Z0-9_.\-/]+$/.test(prefix)) {
    throw new TypeError(`"prefix" must be an SSM path starting with "/", got ${describeValue(prefix)}`);
  }
  if (
    typeof dependency !== 'string' ||
    dependency.length > MAX_NAME_LENGTH ||
    !DEPENDENCY_NAME.test(dependency)
  ) {
    throw new TypeError(
      `"dependency" must be 1-${MAX_NAME_LENGTH} characters of A-Z a-z 0-9 _ . - starting with a letter, digit or _, got ${describeValue(dependency)}`,
    );
  }
  return `${prefix.endsWith('/') ? prefix : `${prefix}/`}${dependency}`;
}
