import { breakerParameterName, DEFAULT_BREAKER_PREFIX } from '@bulwark/policies';
import { describe, expect, it } from 'vitest';
import { PROBE_DEFAULT_PREFIX, probeParameterName } from './probeParameterName.js';

describe('probeParameterName', () => {
  it('uses the same default prefix as @bulwark/policies', () => {
    expect(PROBE_DEFAULT_PREFIX).toBe(DEFAULT_BREAKER_PREFIX);
  });

  it.each([
    ['/bulwark/breakers/', 'edna'],
    ['/bulwark/breakers', 'edna'],
    ['/a', 'b.c-d_e'],
    ['no-slash', 'edna'],
    ['/bulwark/breakers/', 'has space'],
    ['/bulwark/breakers/', 'ed/na'],
    ['/bulwark/breakers/', ''],
    ['/bulwark/breakers/', 'x'.repeat(129)],
    ['/bulwark/breakers/', 'x'.repeat(128)],
    ['/bulwark/breakers/', '..'],
    ['/bulwark/breakers/', 'edna\nlevel=ERROR'],
  ])('agrees with breakerParameterName for (%j, %j)', (prefix, dependency) => {
    // Act
    const ours = attempt(() => probeParameterName(prefix, dependency));
    const theirs = attempt(() => breakerParameterName(prefix, dependency));

    // Assess
    expect(ours).toEqual(theirs);
  });
});

function attempt(fn: () => string): string {
  try {
    return fn();
  } catch (error: unknown) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}
