// The probe's copy of `breakerParameterName` from @bulwark/policies: the probe validates its options at
// construction, and importing @bulwark/policies (cockatiel and all) there would load it for every user
// of the @bulwark/lambda root entry. A test holds the two to the same answers.

/** Equal to `DEFAULT_BREAKER_PREFIX` of @bulwark/policies (held by a test). */
export const PROBE_DEFAULT_PREFIX = '/bulwark/breakers/';

const DEPENDENCY_NAME = /^[a-zA-Z0-9_.-]+$/;

export function probeParameterName(prefix: string, dependency: string): string {
  if (typeof prefix !== 'string' || !prefix.startsWith('/') || !/^[a-zA-Z0-9_.\-/]+$/.test(prefix)) {
    throw new TypeError(`"prefix" must be an SSM path starting with "/", got ${JSON.stringify(prefix)}`);
  }
  if (typeof dependency !== 'string' || !DEPENDENCY_NAME.test(dependency)) {
    throw new TypeError(
      `"dependency" must be a non-empty name of a-zA-Z0-9_.-, got ${JSON.stringify(dependency)}`,
    );
  }
  return `${prefix.endsWith('/') ? prefix : `${prefix}/`}${dependency}`;
}
