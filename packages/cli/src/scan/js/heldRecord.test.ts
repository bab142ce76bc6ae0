// Which names hold a batch record: its parameter, what is declared from it, and where it is handed on.
import { describe, expect, it } from 'vitest';
import { forEachDescendant, isFunction, type Node, someDescendant, wrap } from './ast.js';
import { boundNames, derivedNames, handedTo, heldInside, mentions, recordParams } from './heldRecord.js';
import { contextOf } from './testing/parsed.js';

const SOURCE = `function park(event, error) { return dlq.put({ event, error: error.message }); }
const sync = (record, index) => {
  const { body, attributes: { id } } = record;
  const item = cleanse(JSON.parse(body));
  const label = 'sync';
  return save(item).catch((record) => park(item, record));
};`;

/** The nodes of the program passing `test`, in source order. */
function all(ctx: ReturnType<typeof contextOf>, test: (n: Node) => boolean): Node[] {
  const out: Node[] = [];
  forEachDescendant(ctx.program, (n) => {
    if (test(n)) out.push(n);
    return true;
  });
  return out.sort((a, b) => a.start - b.start);
}

/** The module's context and its functions in source order: park, sync, and sync's catch callback. */
function parsed() {
  const ctx = contextOf(SOURCE, 'm.js');
  const [park, sync, onError] = all(ctx, isFunction);
  return { ctx, park: park as Node, sync: sync as Node, onError: onError as Node };
}

describe('heldRecord', () => {
  it('holds the parameter and what is declared from it, to a fixpoint', () => {
    // Prepare
    const { ctx, sync } = parsed();

    // Act
    const held = recordParams(ctx, sync, [0]);

    // Assess
    expect([...held.names].sort()).toEqual(['body', 'id', 'item', 'record']);
  });

  it('takes a nested function its own parameters out, and a function written elsewhere holds nothing', () => {
    // Prepare
    const { ctx, sync, onError, park } = parsed();
    const held = recordParams(ctx, sync, [0]);

    // Act
    const inCatch = heldInside(ctx, onError, held);
    const elsewhere = heldInside(ctx, park, held);

    // Assess
    expect([...inCatch.names].sort()).toEqual(['body', 'id', 'item']);
    expect(elsewhere.names.size).toBe(0);
  });

  it('follows the record to the parameters it is handed to, and reads a shorthand as a mention', () => {
    // Prepare
    const { ctx, sync, onError, park } = parsed();
    // In the catch callback, where its own `record` (the error) shadows the record.
    const held = heldInside(ctx, onError, recordParams(ctx, sync, [0]));
    const call = ctx.of('CallExpression').find((c) => (c.callee as Node).name === 'park') as Node;
    const put = ctx.of('CallExpression').find((c) => (c.callee as Node).property?.name === 'put') as Node;

    // Act
    const inPark = handedTo(ctx, park, call.arguments as Node[], held);

    // Assess
    expect([...inPark.names]).toEqual(['event']);
    expect(mentions(ctx, (put.arguments as Node[])[0], inPark.names)).toBe(true);
    expect(mentions(ctx, (put.arguments as Node[])[0], new Set(['message']))).toBe(false);
  });

  it('binds the names of a pattern, not its keys or defaults', () => {
    // Prepare
    const { ctx } = parsed();
    const decl = all(ctx, (n) => n.type === 'VariableDeclarator')[1] as Node;

    // Act
    const names = boundNames(decl.id as Node);

    // Assess
    expect(names).toEqual(['body', 'id']);
  });
});

describe('derivedNames', () => {
  const source = `const f = (m) => {
  const body = JSON.parse(m.Body);
  const { id } = body;
  function later() { const again = id; }
};`;
  const mentionsAny = (init: Node, names: ReadonlySet<string>) =>
    someDescendant(wrap(init), (n) => n.type === 'Identifier' && names.has(n.name as string));

  it('grows the seeds through declarations to a fixpoint, callbacks only when asked', () => {
    const ctx = contextOf(source, 'm.js');
    const [fn] = all(ctx, isFunction) as [Node];
    expect([...derivedNames(fn, ['m'], mentionsAny)].sort()).toEqual(['body', 'id', 'm']);
    expect([...derivedNames(fn, ['m'], mentionsAny, true)].sort()).toEqual(['again', 'body', 'id', 'm']);
  });

  it('answers no names for no seeds', () => {
    const ctx = contextOf(source, 'm.js');
    expect(derivedNames(all(ctx, isFunction)[0] as Node, [], () => true).size).toBe(0);
  });
});
