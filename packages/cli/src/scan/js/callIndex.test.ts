// callIndex: a module's calls by the function they reach and by their callee as written.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { callsByPath, callsReaching } from './callIndex.js';
import { ModuleContext } from './ModuleContext.js';

const FILE = '/app/src/jobs.ts';
const SOURCE = `const send = (m) => post(m);
const alias = send;
function other() {}
function unused() {}
class Jobs {
  run() { send(1); alias(2); this.flush(3); other(4); client.send(5); }
  flush(n) {}
}
`;
const parsed = parseSync(FILE, SOURCE, { lang: 'ts' } as Parameters<typeof parseSync>[2]);
const ctx = new ModuleContext(FILE, SOURCE, parsed.program as unknown as Node, parsed.comments);
/** The first argument of each call, as written: which call it is. */
const args = (calls: readonly Node[]) =>
  calls.map((c) => ctx.source.slice(c.arguments[0].start, c.arguments[0].end));
/** `send`'s arrow function: the first statement's initialiser. */
const sendFn = ((parsed.program.body[0] as unknown as Node).declarations[0] as Node).init as Node;

describe('callsReaching', () => {
  it('finds the calls of a function by any name that holds it, not a same-named member', () => {
    expect(args(callsReaching(ctx, sendFn))).toEqual(['1', '2']);
  });

  it('finds the one call of a declared function, and none of one nothing calls', () => {
    const declared = (i: number) => parsed.program.body[i] as unknown as Node;
    expect(args(callsReaching(ctx, declared(2)))).toEqual(['4']);
    expect(callsReaching(ctx, declared(3))).toEqual([]);
  });
});

describe('callsByPath', () => {
  it('finds calls by their callee as written, a member path joined by dots', () => {
    expect(args(callsByPath(ctx, 'send'))).toEqual(['1']);
    expect(args(callsByPath(ctx, 'this.flush'))).toEqual(['3']);
    expect(args(callsByPath(ctx, 'client.send'))).toEqual(['5']);
    expect(callsByPath(ctx, 'flush')).toEqual([]);
  });
});
