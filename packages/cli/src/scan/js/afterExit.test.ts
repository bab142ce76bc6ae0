import { describe, expect, it } from 'vitest';
import { afterExit, reachedStatements } from './afterExit.js';
import { fixedOff } from './fixedOff.js';
import { contextOf } from './testing/parsed.js';

/** afterExit of the module's first `new` expression. */
function newAfterExit(source: string): boolean {
  const ctx = contextOf(source);
  return afterExit(ctx, ctx.of('NewExpression')[0] as Parameters<typeof afterExit>[1]);
}

describe('afterExit', () => {
  it.each([
    [
      'after a bare return on the first line',
      'function send() { return; const web = new WebClient(t); }',
      true,
    ],
    ['after a throw', 'function send() { throw paused; const web = new WebClient(t); }', true],
    [
      'after a block ending in a return',
      'function send() { { log(); return; } const c = new WebClient(t); }',
      true,
    ],
    ['after a case that returns', 'function f(k) { switch (k) { case 1: return; new WebClient(t); } }', true],
    [
      'after a return inside an if only (trap)',
      'function send(a) { if (a) return; const web = new WebClient(t); }',
      false,
    ],
    ['before the return (trap)', 'function send() { const web = new WebClient(t); return web; }', false],
    [
      'in a function declared after the return (trap)',
      'function f() { return g(); function g() { return new WebClient(t); } }',
      false,
    ],
    [
      'after a return of a nested function (trap)',
      'function f() { const g = () => { return; }; return new WebClient(t); }',
      false,
    ],
  ])('%s', (_name, source, dead) => {
    // Assess
    expect(newAfterExit(source)).toBe(dead);
  });

  it('keeps the statements up to the first unconditional exit', () => {
    // Prepare
    const ctx = contextOf('function f(a) { if (a) return; log(); return; send(); }');
    const fn = ctx.program.body[0] as { body: { body: Parameters<typeof reachedStatements>[0] } };

    // Act
    const reached = reachedStatements(fn.body.body);

    // Assess
    expect(reached.map((s) => s.type)).toEqual(['IfStatement', 'ExpressionStatement', 'ReturnStatement']);
  });

  it('puts a catch after an exit off the handler path through fixedOff, with no switch in the module', () => {
    // Prepare
    const ctx = contextOf('export async function f(k) { return; try { await cache.get(k); } catch (e) {} }');

    // Act
    const off = fixedOff(ctx, ctx.of('CatchClause')[0] as Parameters<typeof fixedOff>[1]);

    // Assess
    expect(off).toBe(true);
  });
});
