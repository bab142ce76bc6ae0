// What lazyBuilds finds a lazily built value is made by: the calls assigned to a `let` that starts out
// empty, directly or through a getter of the module, and nothing for an ordinary initialiser.
import { describe, expect, it } from 'vitest';
import { calleeName, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { lazyBuilds } from './lazyBuilds.js';

/** The callee names lazyBuilds finds for the argument of the module's last `use(...)` call. */
function builtFor(source: string): (string | undefined)[] {
  const ctx = contextOf(source);
  const use = ctx
    .of('CallExpression')
    .filter((c) => calleeName(c) === 'use')
    .at(-1) as Node;
  return lazyBuilds(ctx, use.arguments[0] as Node).map((c) => calleeName(c));
}

describe('lazyBuilds', () => {
  it('follows a let that starts out null to its assignment', () => {
    expect(builtFor('let v = null; function init() { v = Maker.create({}); } use(v);')).toEqual(['create']);
  });

  it('follows a getter of the module to the let it returns', () => {
    const src =
      'let v = null; function get() { if (!v) v = new Verifier(); return v; } const x = get(); use(x);';
    expect(builtFor(src)).toEqual(['Verifier']);
  });

  it('reads `??=` in a getter returning the assignment', () => {
    expect(builtFor('let v; const get = () => (v ??= make()); use(get());')).toEqual(['make']);
  });

  it('leaves a let with a real initialiser and a const to the caller', () => {
    expect(builtFor('let v = make(); v = other(); use(v);')).toEqual([]);
    expect(builtFor('const v = make(); use(v);')).toEqual([]);
  });

  it('ignores assignments to a shadowing name', () => {
    expect(builtFor('let v = null; function f() { let v; v = make(); } use(v);')).toEqual([]);
  });
});
