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

describe('probeParameterName refusals', () => {
  it('refuses a prefix that is not a string with its own message', () => {
    expect(() => probeParameterName(5 as never, 'edna')).toThrow(
      new TypeError('"prefix" must be an SSM path starting with "/", got 5'),
    );
  });

  it('refuses a prefix with a bad character anywhere, not only at its ends', () => {
    expect(() => probeParameterName('/a b/c', 'edna')).toThrow(
      new TypeError('"prefix" must be an SSM path starting with "/", got "/a b/c"'),
    );
  });

  it('refuses a dependency that is not a string, even one whose text would pass', () => {
    expect(() => probeParameterName('/bulwark/breakers/', 5 as never)).toThrow(
      new TypeError(
        '"dependency" must be 1-128 characters of A-Z a-z 0-9 _ . - starting with a letter, digit or _, got 5',
      ),
    );
  });
});
