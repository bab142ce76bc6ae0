// The documented defaults of ssmBreakerState held to DEFAULT_SSM_BREAKER_STATE: the `@defaultValue` of each
// option in ssmBreakerStateTypes.ts and the README's option headings. These read source text, so they are
// left out of the mutation run (mutation/targets.mjs); the behaviour lives in ssmBreakerStateOptions.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

describe('DEFAULT_SSM_BREAKER_STATE documented', () => {
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
});
