// Construction-time behaviour of ssmBreakerState: defaults, option checks, the read it starts. Its reads
// are tested against the SSM emulator in test/shared-state/ (real SDK, real Powertools); hostile options
// in test/hostile/shared-state/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ssmBreakerState } from './ssmBreakerState.js';
import { DEFAULT_SSM_BREAKER_STATE } from './ssmBreakerStateOptions.js';

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
      const documented = documentedDefaults(join(import.meta.dirname, 'ssmBreakerStateTypes.ts'));

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
  it('starts the first read at construction (module scope = Lambda init), not at the first call', async () => {
    // Prepare
    const asked: string[] = [];
    const provider = {
      get: (name: string) => {
        asked.push(name);
        return Promise.resolve(undefined);
      },
    };

    // Act
    const state = ssmBreakerState({ parameterName: '/bulwark/breakers/edna', provider: provider as never });
    await state.ready();

    // Assess
    expect(asked).toEqual(['/bulwark/breakers/edna']);
    expect(state.stats()).toMatchObject({ reads: 1, notFound: 1 });
    expect(state.parameterName).toBe('/bulwark/breakers/edna');
  });

  it.each([
    [undefined, /parameterName must be an SSM parameter name .*, got undefined/],
    [{}, /parameterName must be an SSM parameter name .*, got undefined/],
    [{ parameterName: 42 }, /parameterName must be an SSM parameter name .*, got 42/],
    [
      { parameterName: '/a', maxBackoffSeconds: 0 },
      /maxBackoffSeconds must be a number of seconds above 0 .*, got 0/,
    ],
    [
      { parameterName: '/a', logIntervalSeconds: '60' },
      /logIntervalSeconds must be a number of seconds .*, got "60"/,
    ],
    [
      { parameterName: '/a', readTimeoutMs: 500, refreshTimeoutMs: 400 },
      /refreshTimeoutMs must be >= readTimeoutMs \(500\), got 400/,
    ],
    [{ parameterName: '/a', maxAge: 5 }, /unknown option "maxAge"; did you mean "maxAgeSeconds"/],
    [
      { parameterName: '/a', retryHintMs: 500 },
      /retryHintMs must be a number of ms between 1000 and 120000, got 500/,
    ],
    [{ parameterName: '/a', dependency: 'a b' }, /dependency must be 1-128 characters/],
  ])('throws a TypeError naming the field for %o', (options, message) => {
    expect(() => ssmBreakerState(options as never)).toThrow(TypeError);
    expect(() => ssmBreakerState(options as never)).toThrow(message);
  });
});
