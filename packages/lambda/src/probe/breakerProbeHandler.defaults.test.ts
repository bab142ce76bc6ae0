// The documented defaults and the README must agree with DEFAULT_BREAKER_PROBE. Reads source text, so the
// mutation run leaves this file out (mutation/targets.mjs); the behaviour tests are in
// breakerProbeHandler.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BREAKER_PROBE } from './breakerProbeHandler.js';

function documentedDefaults(file: string): Record<string, string> {
  const text = readFileSync(file, 'utf8');
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/@defaultValue ([^\n]+)\n(?:[^\n]*\*[^\n]*\n)*?\s*readonly (\w+)\?:/g)) {
    out[m[2] as string] = (m[1] as string).trim().replace(/^'(.*)'$/, '$1');
  }
  return out;
}

describe('DEFAULT_BREAKER_PROBE', () => {
  it.each(Object.entries(DEFAULT_BREAKER_PROBE))(
    '%s is documented as its @defaultValue (%s)',
    (field, value) => {
      const documented = documentedDefaults(join(import.meta.dirname, 'BreakerProbeOptions.ts'));
      expect(documented[field]).toBe(String(value));
    },
  );

  it.each(Object.entries(DEFAULT_BREAKER_PROBE))(
    '%s appears with its value in the lambda README',
    (field, value) => {
      const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
      expect(readme).toContain(typeof value === 'string' ? `${field}: '${value}'` : `${field}: ${value}`);
    },
  );

  it('is frozen', () => {
    expect(Object.isFrozen(DEFAULT_BREAKER_PROBE)).toBe(true);
  });
});
