// The project functions a handler hands its whole event to.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from './ast.js';
import { eventTakers } from './eventTakers.js';
import { ModuleContext } from './ModuleContext.js';

/** The event takers of the first arrow function of `source`. */
function takers(source: string): { source: string; name: string }[] {
  const file = '/app/src/workers/orderPaid.js';
  const p = parseSync(file, source, { experimentalRawTransfer: true } as Parameters<typeof parseSync>[2]);
  const ctx = new ModuleContext(file, source, p.program as unknown as Node, p.comments);
  let fn: Node | undefined;
  someDescendant(p.program as unknown as Node, (n) => {
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
