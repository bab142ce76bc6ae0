// A batch answer served whole in a success body (batchAnswerBody.ts): returned, or handed to a callback-era
// handler's `callback(null, ...)` (callbackAnswer.ts); handed to any other function it is not an answer.
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { findHandlers } from '../handlerDiscovery.js';
import { contextOf } from '../testing/parsed.js';
import { onlyServed } from './batchAnswerBody.js';

/** onlyServed of `out` in the body of `exports.handler = <fn>`, after its declaration. */
function servedIn(fn: string): boolean {
  const ctx = contextOf(`exports.handler = ${fn};`, 'h.js');
  findHandlers(ctx);
  let declarator: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'VariableDeclarator' && n.id?.name === 'out') declarator = n;
    return declarator !== undefined;
  });
  if (declarator === undefined) throw new Error('no `out` in the handler');
  const scope = ctx.enclosingFunction(declarator)?.body as Node;
  return onlyServed(ctx, scope, 'out', declarator.end);
}

const READ = 'const out = await ddb.batchGet(params).promise();';

describe('onlyServed', () => {
  it.each([
    [`async (event) => { ${READ} return { statusCode: 200, body: JSON.stringify(out) }; }`],
    [
      `async (event, context, callback) => { ${READ} callback(null, { statusCode: 200, body: JSON.stringify(out) }); }`,
    ],
  ])('takes the answer of %s', (fn) => {
    // Act
    const served = servedIn(fn);

    // Assess
    expect(served).toBe(true);
  });

  it.each([
    // A function of the module named like a callback is no answer of the handler's.
    [
      `async (event) => { const callback = (a, b) => b; ${READ} callback(null, { statusCode: 200, body: JSON.stringify(out) }); }`,
    ],
  ])('leaves %s', (fn) => {
    // Act
    const served = servedIn(fn);

    // Assess
    expect(served).toBe(false);
  });
});
