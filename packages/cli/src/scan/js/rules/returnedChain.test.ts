// Which `.catch(...)` chains a handler returns as its answer (returnedByHandler).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { findHandlers } from '../handlerDiscovery.js';
import { contextOf } from '../testing/parsed.js';
import { returnedByHandler } from './returnedChain.js';

/** Is the first `.catch` of `source` (handlers found as the scan finds them) returned by a handler? */
function returned(source: string): boolean {
  const ctx = contextOf(source);
  findHandlers(ctx);
  const call = ctx.of('CallExpression').find((c) => (c.callee as Node).property?.name === 'catch');
  if (call === undefined) throw new Error('no .catch');
  return returnedByHandler(ctx, call);
}

describe('returnedByHandler', () => {
  it.each([
    'exports.handler = async (event) => { return start(event.detail).then(done).catch((e) => log(e)); };',
    'exports.handler = async (event) => start(event.detail).catch((e) => log(e));',
    'export const handler = async (e: E) => start(e.detail).catch((x) => log(x)) as Promise<unknown>;',
    'exports.handler = async (event) => { return (start(event).catch((e) => log(e))).finally(() => close()); };',
  ])('the handler answers the chain: %s', (source) => {
    expect(returned(source)).toBe(true);
  });

  it.each([
    // A helper's chain is its caller's answer, judged where the caller reads it.
    'function helper(x) { return start(x).catch((e) => log(e)); }\nexports.handler = async (event) => helper(event);',
    'exports.handler = async (event) => { const p = start(event).catch((e) => log(e)); return { ok: true }; };',
    'exports.handler = async (event) => { return items.map((i) => start(i).catch((e) => log(e))); };',
  ])('it does not: %s', (source) => {
    expect(returned(source)).toBe(false);
  });
});
