// What may throw at each doubt: the one answer the batch and fan-out rules share.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { type Doubt, mayThrow } from './mayThrow.js';
import { contextOf } from './testing/parsed.js';

const HELPERS = `import { save, ids } from './store';
function write(r) { return save(r); }
function decode(r) { return JSON.parse(r.body); }
function checked(r) { return decode(r); }
`;

/** Whether the last statement of HELPERS followed by `statement` may throw at `doubt`. */
function judged(statement: string, doubt: Doubt): boolean {
  const ctx = contextOf(`${HELPERS}${statement}`, 'm.js');
  return mayThrow(ctx, (ctx.program.body as Node[]).at(-1) as Node, doubt);
}

describe('mayThrow', () => {
  it.each([
    ['const x = JSON.parse(r.body);', 'known', true],
    ['const x = schema.safeParse(r.body);', 'known', false],
    ['const x = r.body.toString();', 'known', false],
    ['if (!r.body) throw new Error("empty");', 'known', true],
    ['const x = write(r);', 'known', false],
    ['const x = checked(r);', 'known', true],
    ['const x = save(r);', 'known', false],
    ['const f = () => JSON.parse(r.body);', 'known', false],
    ['const x = write(r);', 'local', true],
    ['const x = new URL(r.url);', 'local', true],
    ['const x = await save(r);', 'local', true],
    ['const x = save(r);', 'local', false],
    ['const sentAt = Date.parse(r.attributes.SentTimestamp);', 'local', false],
    ['const keys = Array.from(Object.keys(r));', 'local', false],
    ['const { name } = path.parse(r.key);', 'local', false],
    ["const raw = Buffer.from(r.kinesis.data, 'base64');", 'local', true],
    ['const order = Order.parse(r.body);', 'local', true],
    ['const x = ids.next();', 'any', true],
    ['const f = () => save(r);', 'any', false],
    ['const x = { id: r.id };', 'any', false],
  ] as const)('%s at %s doubt -> %s', (statement, doubt, expected) => {
    // Prepare, Act
    const thrown = judged(statement, doubt);

    // Assess
    expect(thrown).toBe(expected);
  });
});
