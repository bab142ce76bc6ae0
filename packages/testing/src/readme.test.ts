// The README is the API reference: every public name the barrel exports has a heading there, so a
// new export cannot ship undocumented.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as kit from './index.js';

const barrel = readFileSync(join(import.meta.dirname, 'index.ts'), 'utf8');
const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const headings = new Set([...readme.matchAll(/^#{2,4} `([^`]+)`/gm)].map((match) => match[1]));

const exportedNames = [...barrel.matchAll(/export (?:type )?\{([^}]*)\}/g)]
  .flatMap((match) => (match[1] ?? '').split(','))
  .map(
    (entry) =>
      entry
        .trim()
        .split(/\s+as\s+/)
        .at(-1)
        ?.trim() ?? '',
  )
  .filter((name) => name !== '');

describe('README', () => {
  it('finds the barrel exports', () => {
    expect(exportedNames).toContain('faults');
    expect(exportedNames).toContain('SetupServerApi');
  });

  it.each(exportedNames)('has a heading for %s', (name) => {
    expect(
      headings.has(name),
      `add a "### \`${name}\`" section with an example to packages/testing/README.md`,
    ).toBe(true);
  });

  it.each(Object.keys(kit.faults))('has a heading for faults.%s', (name) => {
    expect(headings.has(`faults.${name}`)).toBe(true);
  });
});
