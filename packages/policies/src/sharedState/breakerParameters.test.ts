// breakerParameterName: the one place the probe, the CLI and the docs turn a prefix and a dependency into a
// parameter name, with the exact refusals a caller reads. Reads and writes against the SSM emulator are in
// test/policies/sharedState/breakerParameters.test.ts.
import { describe, expect, it } from 'vitest';
import { breakerParameterName } from './breakerParameters.js';

describe('breakerParameterName', () => {
  it.each([
    ['/bulwark/breakers', 'edna', '/bulwark/breakers/edna'],
    ['/bulwark/breakers/', 'edna', '/bulwark/breakers/edna'],
    ['/', 'edna', '/edna'],
    ['/Team_1/breakers.v2-x', '_payments.v2-eu', '/Team_1/breakers.v2-x/_payments.v2-eu'],
  ])('joins %s and %s as %s', (prefix, dependency, name) => {
    expect(breakerParameterName(prefix, dependency)).toBe(name);
  });

  it.each([
    [42, '42'],
    ['bulwark/breakers/', '"bulwark/breakers/"'],
    ['', '""'],
    ['/bulwark breakers', '"/bulwark breakers"'],
    ['/a b/breakers', '"/a b/breakers"'],
    ['/breakers?x', '"/breakers?x"'],
  ])('refuses the prefix %o with the whole message', (prefix, shown) => {
    expect(() => breakerParameterName(prefix as string, 'edna')).toThrow(
      new TypeError(`"prefix" must be an SSM path starting with "/", got ${shown}`),
    );
  });

  it.each([
    [undefined, 'undefined'],
    ['', '""'],
    ['edna/x', '"edna/x"'],
    ['-edna', '"-edna"'],
    ['.edna', '".edna"'],
    ['ed na', '"ed na"'],
    ['edna!', '"edna!"'],
  ])('refuses the dependency %o with the whole message', (dependency, shown) => {
    expect(() => breakerParameterName('/bulwark/breakers', dependency as string)).toThrow(
      new TypeError(
        `"dependency" must be 1-128 characters of A-Z a-z 0-9 _ . - starting with a letter, digit or _, got ${shown}`,
      ),
    );
  });

  it('accepts a 128-character dependency and refuses 129', () => {
    const longest = 'e'.repeat(128);
    expect(breakerParameterName('/b', longest)).toBe(`/b/${longest}`);
    expect(() => breakerParameterName('/b', `${longest}e`)).toThrow(/"dependency" must be 1-128 characters/);
  });
});
