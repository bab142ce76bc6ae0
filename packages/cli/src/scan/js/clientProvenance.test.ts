// Where a client held in a name comes from: followed through getters that memoise a factory's answer, in
// this module or (as a project import still to ask) in another.
import { describe, expect, it } from 'vitest';
import { type Node, unwrap } from './ast.js';
import { clientProvenance } from './clientProvenance.js';
import { contextOf } from './testing/parsed.js';

/** The provenance of `client` in `use(client)`, the last statement; a `new Client(...)` is untimed unless given `{ timeout }`. */
function provenanceOf(source: string) {
  const ctx = contextOf(source);
  const use = ctx.of('CallExpression').find((c) => unwrap(c.callee as Node)?.name === 'use');
  const arg = ((use?.arguments ?? []) as Node[])[0] as Node;
  return clientProvenance(ctx, arg, (built) =>
    unwrap(built.callee as Node)?.name === 'Client'
      ? ctx.source.slice(built.start, built.end).includes('timeout')
      : undefined,
  );
}

describe('clientProvenance', () => {
  it.each([
    [
      'a getter memoising a construction in a cache',
      "const cache = new Map();\nfunction get() { let c = cache.get('k'); if (!c) { c = new Client({}); cache.set('k', c); } return c; }\nasync function f() { const client = await get(); use(client); }",
      { timed: false },
    ],
    [
      'a lazy singleton (`??=`)',
      'let _c = null;\nconst get = () => (_c ??= new Client({}));\nfunction f() { const client = get(); use(client); }',
      { timed: false },
    ],
    [
      'a singleton given a bound',
      'let _c;\nfunction get() { if (!_c) _c = new Client({ timeout: 5 }); return _c; }\nfunction f() { const client = get(); use(client); }',
      { timed: true },
    ],
    [
      "another module's factory memoised in a cache",
      "import { createClient } from './auth';\nconst cache = new Map();\nasync function get() { let c = cache.get('k'); if (c === undefined) { c = createClient(); cache.set('k', c); } return c; }\nasync function f() { const client = await get(); use(client); }",
      { via: [{ from: 'm.ts', source: './auth', name: 'createClient' }] },
    ],
    [
      'a factory choosing between a bounded and an unbounded client (the caller may get the unbounded one)',
      'function make(fast) { return fast ? new Client({ timeout: 5 }) : new Client({}); }\nfunction f() { const client = make(true); use(client); }',
      { timed: false },
    ],
    [
      "a bounded construction beside another module's factory (that module decides)",
      "import { createClient } from './auth';\nlet _c = null;\nfunction get(local) { return local ? new Client({ timeout: 5 }) : (_c ??= createClient()); }\nfunction f() { const client = get(false); use(client); }",
      { via: [{ from: 'm.ts', source: './auth', name: 'createClient' }] },
    ],
  ])('follows %s', (_name, source, expected) => {
    // Act
    const end = provenanceOf(source);

    // Assess
    expect(end).toEqual(expected);
  });

  it.each([
    [
      'a getter handing back the client it is given',
      'const get = (c) => c;\nfunction f(x) { const client = get(x); use(client); }',
    ],
    [
      'a cache the module never fills',
      "const cache = new Map();\nfunction f() { const client = cache.get('k'); use(client); }",
    ],
    [
      "a package's factory",
      "import { make } from 'some-sdk';\nfunction f() { const client = make(); use(client); }",
    ],
  ])('leaves unknown %s', (_name, source) => {
    expect(provenanceOf(source)).toBeUndefined();
  });
});
