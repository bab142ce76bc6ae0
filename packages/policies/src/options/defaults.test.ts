// The README and the guide quote every default as `path: value`; this holds them to the constant.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEPENDENCY_OPTIONS } from './defaults.js';

function leaves(value: object, path = ''): [string, string][] {
  return Object.entries(value).flatMap(([key, v]): [string, string][] => {
    const at = path ? `${path}.${key}` : key;
    if (typeof v === 'object' && v !== null) return leaves(v, at);
    return [[at, typeof v === 'string' ? `'${v}'` : String(v)]];
  });
}

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const guide = readFileSync(join(import.meta.dirname, '../../../../docs/policies.md'), 'utf8');

describe('DEFAULT_DEPENDENCY_OPTIONS', () => {
  it.each(leaves(DEFAULT_DEPENDENCY_OPTIONS))('the README quotes %s as `%s`', (path, value) => {
    expect(readme).toContain(`\`${path}: ${value}\``);
  });

  it.each(leaves(DEFAULT_DEPENDENCY_OPTIONS))('the guide quotes %s as `%s`', (path, value) => {
    expect(guide).toContain(`\`${path}: ${value}\``);
  });
});
