// Which constructions a factory hands out: the `new Service(...)` of each case, returned or not.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { returnedInstance } from './returnedInstance.js';
import { contextOf } from './testing/parsed.js';

/** returnedInstance of the first `new Service(...)` in `source`. */
function returned(source: string): boolean {
  const ctx = contextOf(source);
  const site = ctx.of('NewExpression').find((n) => (n.callee as Node).name === 'Service');
  return returnedInstance(ctx, site as Node);
}

describe('returnedInstance', () => {
  it.each([
    ['returned directly', 'export function get() { return new Service(); }'],
    ['an arrow body', 'export const get = () => new Service();'],
    ['a cached singleton', 'let s; export function get() { s ??= new Service(); return s; }'],
    ['a returned ??= ', 'let s; export function get() { return (s ??= new Service()); }'],
    ['a local then returned', 'export function get() { const s = new Service(); s.init(); return s; }'],
    ['one side of ??', 'let s; export function get() { return s ?? new Service(); }'],
    ['an exported class method', 'export class F { static get() { return new Service(); } }'],
  ])('hands out %s', (_name, source) => {
    // Act
    const found = returned(source);

    // Assess
    expect(found).toBe(true);
  });

  it.each([
    ['a method called on it', 'export function name() { return new Service(u).name(); }'],
    ['a local never returned', 'export function run() { const s = new Service(); return s.run(); }'],
    ['module scope', 'export const s = new Service();'],
    ['an argument', 'export function run() { return wrap(new Service()); }'],
    [
      'a module-local helper',
      'function make() { return new Service(u); } export function name() { return make().name(); }',
    ],
    [
      'a callback',
      'export function name() { const all = [u].map((x) => new Service(x)); return all[0].name(); }',
    ],
  ])('keeps %s', (_name, source) => {
    // Act
    const found = returned(source);

    // Assess
    expect(found).toBe(false);
  });
});
