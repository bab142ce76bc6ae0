// Every public name is documented twice: a doc comment with an @example where it is declared, and a heading in
// README.md; the README's defaults tables are held to DEFAULT_SERVICE_OPTIONS.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const barrel = read('./index.ts');
const readme = read('../README.md');

const fromBarrel = [...barrel.matchAll(/export (type )?\{([^}]+)\} from '([^']+)'/g)].flatMap((m) =>
  (m[2] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => ({ name, file: (m[3] ?? '').replace(/\.js$/, '.ts'), typeOnly: m[1] !== undefined })),
);
const fromAdapters = ['express', 'fastify', 'hono'].flatMap((adapter) =>
  [...read(`./adapters/${adapter}.ts`).matchAll(/^export (?:function|interface|type) (\w+)/gm)].map((m) => ({
    name: m[1] ?? '',
    file: `./adapters/${adapter}.ts`,
    typeOnly: false,
  })),
);
const exported = [...fromBarrel, ...fromAdapters];

describe('public surface', () => {
  it('the barrel lists names explicitly (no export *)', () => {
    // Assess
    expect(barrel).not.toMatch(/export \*/);
    expect(fromBarrel.length).toBeGreaterThan(25);
    expect(fromAdapters.map((e) => e.name)).toEqual([
      'expressProbes',
      'FastifyLike',
      'fastifyProbes',
      'HonoContextLike',
      'honoProbes',
    ]);
  });

  it('every runtime export in the barrel exists', () => {
    // Assess
    for (const { name, typeOnly, file } of fromBarrel) {
      if (!typeOnly && !file.includes('adapters')) expect(api, name).toHaveProperty(name);
    }
  });

  it.each(exported)('$name has a doc comment with an @example', ({ name, file }) => {
    // Prepare
    const source = read(file);
    const declaration = new RegExp(
      `/\\*\\*((?:(?!\\*/)[^])*)\\*/\\s*export (?:abstract |async )?(?:class|function|const|interface|type) ${name}\\b`,
    ).exec(source);
    // Assess
    expect(declaration, `${name} in ${file} has no doc comment`).not.toBeNull();
    expect(declaration?.[1]).toContain('@example');
  });

  it.each(exported)('README.md has a heading for $name', ({ name }) => {
    // Assess
    expect(readme).toMatch(new RegExp(`^#{2,4} .*\\b${name}\\b`, 'm'));
  });

  it('README.md documents every default of DEFAULT_SERVICE_OPTIONS as it is', () => {
    // Prepare
    const rows = new Map(
      [...readme.matchAll(/^\| `([\w.]+)`\s*\| `([^`]+)`\s*\|/gm)].map((m) => [m[1], m[2]] as const),
    );
    const leaves = Object.entries(api.DEFAULT_SERVICE_OPTIONS).flatMap(([group, value]) =>
      typeof value === 'object'
        ? Object.entries(value).map(([key, leaf]) => [`${group}.${key}`, leaf] as const)
        : [[group, value] as const],
    );
    // Assess
    for (const [path, value] of leaves) {
      const shown = typeof value === 'string' ? `'${value}'` : JSON.stringify(value).replaceAll('"', "'");
      expect(rows.get(path), path).toBe(shown.replaceAll(',', ', '));
    }
  });
});
