// Every public name is documented twice: a doc comment with an @example where it is declared, and a
// heading in README.md. This test reads the barrel and checks both, so neither can be forgotten.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const barrel = read('./index.ts');
const readme = read('../README.md');

const exported = [...barrel.matchAll(/export (type )?\{([^}]+)\} from '([^']+)'/g)].flatMap((m) =>
  m[2]!
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => ({ name, file: m[3]!.replace(/\.js$/, '.ts'), typeOnly: m[1] !== undefined })),
);

describe('public surface', () => {
  it('the barrel lists names explicitly (no export *)', () => {
    // Assess
    expect(barrel).not.toMatch(/export \*/);
    expect(exported.length).toBeGreaterThan(25);
  });

  it('every runtime export in the barrel exists', () => {
    // Assess
    for (const { name, typeOnly } of exported) {
      if (!typeOnly) expect(api, name).toHaveProperty(name);
    }
  });

  it.each(exported)('$name has a doc comment with an @example', ({ name, file }) => {
    // Prepare
    const source = read(file);
    const declaration = new RegExp(
      `/\\*\\*((?:(?!\\*/)[^])*)\\*/\\s*export (?:abstract )?(?:class|function|const|interface|type) ${name}\\b`,
    ).exec(source);
    // Assess
    expect(declaration, `${name} in ${file} has no doc comment`).not.toBeNull();
    expect(declaration?.[1]).toContain('@example');
  });

  it.each(exported)('README.md has a heading for $name', ({ name }) => {
    // Assess
    expect(readme).toMatch(new RegExp(`^### ${name}$`, 'm'));
  });
});
