// The project functions a handler hands its whole event to.
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from './ast.js';
import { eventTakers } from './eventTakers.js';
import { contextOf } from './testing/parsed.js';

/** The event takers of the first arrow function of `source`. */
function takers(source: string): { source: string; name: string }[] {
  const file = '/app/src/workers/orderPaid.js';
  const ctx = contextOf(source, file);
  let fn: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'ArrowFunctionExpression') fn = n;
    return fn !== undefined;
  });
  return eventTakers(ctx, fn as Node);
}

describe('eventTakers', () => {
  const shared = [{ source: '../lib/consumer', name: 'handle' }];

  it('finds the imported function a block body hands its event to', () => {
    expect(
      takers(
        "const { handle } = require('../lib/consumer');\nconst handler = async (event, context) => { return await handle(event, context, p); };\nmodule.exports.handler = handler;",
      ),
    ).toEqual(shared);
  });

  it('finds it when a concise body is the call itself', () => {
    expect(
      takers(
        "const { handle } = require('../lib/consumer');\nconst handler = async (event, context) => handle(event, context, p);\nmodule.exports.handler = handler;",
      ),
    ).toEqual(shared);
  });

  it('leaves a call that is not handed the event', () => {
    expect(
      takers(
        "const { handle } = require('../lib/consumer');\nconst handler = async (event) => handle(JSON.parse(event.body));\nmodule.exports.handler = handler;",
      ),
    ).toEqual([]);
  });
});
