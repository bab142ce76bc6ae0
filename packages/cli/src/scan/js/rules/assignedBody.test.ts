// Which fetch bodies assigned to a variable declared before fail on an error answer (assignedBodyChecked).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { assignedBodyChecked } from './assignedBody.js';

/** Does the code after `response = await (await fetch(u)).json()` (the function's second statement) fail on an error answer? */
function checked(after: string): boolean {
  const source = `async function f() { let response, items; response = await (await fetch(u)).json(); ${after} }`;
  const ctx = contextOf(source, 'm.js');
  const fn = (ctx.program.body as Node[])[0] as Node;
  const assignment = ((fn.body as Node).body as Node[])[1]?.expression as Node;
  return assignedBodyChecked(ctx, fn, assignment, 'response');
}

describe('assignedBodyChecked', () => {
  it.each([
    ['read two deep', 'return response.items[0].id', true],
    [
      'a copied field tested and thrown on',
      "items = response.items; if (!items) { log('none', { u }); throw new Error('none') }",
      true,
    ],
    [
      'a copied field read through',
      'const data = response.items; for (let i = 0; i < data.length; i++) use(data[i])',
      true,
    ],
    ['a copied field iterated', 'items = response.items; for (const item of items) use(item)', true],
    ['one field read', 'return response.total', false],
    [
      'a field copied back into the body in a branch, then one field read',
      'if (x) { response = response.items; } return response.length',
      false,
    ],
    [
      'a copied field guarded and replaced',
      'items = response.items; if (!items) { items = [] } return items.map(f)',
      false,
    ],
    ['a copied field read with a default', 'items = response.items ?? []; return items.length', false],
    [
      'a read two deep only after the next assignment',
      'response = await (await fetch(v)).json(); return response.items[0]',
      false,
    ],
    [
      'a read two deep after an assignment in a branch',
      'if (x) { response = await (await fetch(v)).json() } return response.items[0]',
      true,
    ],
  ])('%s', (_, after, expected) => {
    expect(checked(after)).toBe(expected);
  });
});
