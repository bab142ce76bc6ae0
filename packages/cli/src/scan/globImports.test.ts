// Which modules a glob import (RedwoodJS's `src/services/**/*.{js,ts}`) matches.
import { describe, expect, it } from 'vitest';
import { globModules, isGlobSource } from './globImports.js';

const FILES = [
  '/r/api/src/functions/graphql.ts',
  '/r/api/src/services/invoices/invoices.ts',
  '/r/api/src/services/invoices/invoices.scenarios.ts',
  '/r/api/src/services/invoices/invoices.test.ts',
  '/r/api/src/services/health.ts',
  '/r/web/src/services/api.ts',
];

describe('globModules', () => {
  it('finds a bare folder from the importing module upwards, at any depth with **, app modules only', () => {
    expect(globModules('/r/api/src/functions/graphql.ts', 'src/services/**/*.{js,ts}', FILES)).toEqual([
      '/r/api/src/services/invoices/invoices.ts',
      '/r/api/src/services/health.ts',
    ]);
  });
  it('takes only the folder itself without **', () => {
    expect(globModules('/r/api/src/functions/graphql.ts', '../services/*.ts', FILES)).toEqual([
      '/r/api/src/services/health.ts',
    ]);
  });
  it('matches nothing when the glob has no fixed folder', () => {
    expect(globModules('/r/api/src/functions/graphql.ts', '**/*.ts', FILES)).toEqual([]);
  });
  it('tells a glob from a module path', () => {
    expect(isGlobSource('src/services/**/*.{js,ts}')).toBe(true);
    expect(isGlobSource('src/lib/db')).toBe(false);
  });
});
