// Construction-time behaviour of ssmBreakerState; its reads are tested against the SSM emulator in
// test/shared-state/ (real SDK, real Powertools).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SSM_BREAKER_STATE, ssmBreakerState } from './ssmBreakerState.js';

/** `@defaultValue N` written above `readonly field?:` in a source file. */
function documentedDefaults(file: string): Record<string, string> {
  const text = readFileSync(file, 'utf8');
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/@defaultValue ([^\n]+)\n(?:[^\n]*\*[^\n]*\n)*?\s*readonly (\w+)\?:/g)) {
    out[m[2] as string] = (m[1] as string).trim();
  }
  return out;
}

describe('DEFAULT_SSM_BREAKER_STATE', () => {
  it.each(Object.entries(DEFAULT_SSM_BREAKER_STATE))(
    '%s is documented as its @defaultValue (%s)',
    (field, value) => {
      // Prepare
      const documented = documentedDefaults(join(import.meta.dirname, 'ssmBreakerState.ts'));

      // Assess
      expect(documented[field]).toBe(String(value));
    },
  );

  it.each(Object.entries(DEFAULT_SSM_BREAKER_STATE))(
    '%s appears with its value in the policies README',
    (field, value) => {
      const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
      expect(readme).toContain(`#### \`${field}\``);
      expect(readme).toContain(`${field}: ${value}`);
    },
  );

  it('is frozen against accidental edits by callers', () => {
    expect(Object.isFrozen(DEFAULT_SSM_BREAKER_STATE)).toBe(true);
  });
});

describe('ssmBreakerState construction', () => {
  it('reads nothing until asked (no SSM call at import or construction)', () => {
    const state = ssmBreakerState({ parameterName: '/bulwark/breakers/edna' });
    expect(state.stats().reads).toBe(0);
    expect(state.parameterName).toBe('/bulwark/breakers/edna');
  });

  it.each([
    [undefined, /options must be an object/],
    [{}, /"parameterName" must be a non-empty string, got undefined/],
    [{ parameterName: 42 }, /"parameterName" must be a non-empty string, got 42/],
    [
      { parameterName: '/a', maxBackoffSeconds: 0 },
      /"maxBackoffSeconds" must be a positive finite number, got 0/,
    ],
    [
      { parameterName: '/a', logIntervalSeconds: '60' },
      /"logIntervalSeconds" must be a positive finite number, got 60/,
    ],
  ])('throws a TypeError naming the field for %o', (options, message) => {
    expect(() => ssmBreakerState(options as never)).toThrow(TypeError);
    expect(() => ssmBreakerState(options as never)).toThrow(message);
  });
});
