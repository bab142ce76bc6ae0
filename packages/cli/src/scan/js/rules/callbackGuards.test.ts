// What `guarded` takes as a wait that cannot reject: the `setTimeout` of `timers/promises` (js/promiseTimers.ts)
// awaited beside a guarded write leaves the callback guarded; a wait of any other origin does not.
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { guarded } from './callbackGuards.js';

/** guarded's verdict on the first arrow function of `source`, where no call only reads. */
function verdict(source: string): boolean {
  const ctx = contextOf(source);
  let cb: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'ArrowFunctionExpression') cb ??= n;
    return false;
  });
  if (cb === undefined) throw new Error(`no arrow function in ${source}`);
  return guarded(ctx, cb, () => false);
}

const callback =
  'export const each = async (r) => { try { await save(r); } catch {} await setTimeout(100); };';

describe('guarded: waits that cannot reject', () => {
  it.each([
    ["import { setTimeout } from 'node:timers/promises';", true],
    ["import { setTimeout } from 'timers/promises';", true],
    ["import { setTimeout } from './pause';", false],
  ])('%s -> %s', (imports, expected) => {
    // Act / Assess
    expect(verdict(`${imports}\nimport { save } from './store';\n${callback}`)).toBe(expected);
  });
});
