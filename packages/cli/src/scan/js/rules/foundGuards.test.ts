// Which early returns guard a write a redelivery reaches (returnsWhenFound): an existence test of what a
// store read found, in an `if` ended before the write; not a precondition a redelivery passes again.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { returnsWhenFound } from './foundGuards.js';

/** Is `write()` in `async function f(msg) { <body> }` past a found-return? */
function guarded(body: string): boolean {
  const source = `async function getFlags(id) { return db.flags.findUnique({ where: { id } }); }
async function parse(b) { return JSON.parse(b); }
async function f(msg) { ${body} }`;
  const ctx = contextOf(source, 'm.js');
  const write = ctx
    .of('CallExpression')
    .find((c) => (c.callee as Node).type === 'Identifier' && c.callee.name === 'write');
  if (write === undefined) throw new Error('no write() in the body');
  return returnsWhenFound(ctx, write);
}

describe('returnsWhenFound', () => {
  it.each([
    [
      'the found row itself',
      'const existing = await db.renewal.findFirst(); if (existing) return; await write();',
    ],
    ['not null', 'const known = await db.receipt.findFirst(); if (known !== null) return; await write();'],
    [
      'not undefined',
      'const known = await db.receipt.findFirst(); if (undefined !== known) return; await write();',
    ],
    ['a count above zero', 'const rows = await db.query(q); if (rows.length > 0) return; await write();'],
    [
      'a rowCount above zero',
      'const found = await db.query(q); if (found.rowCount !== null && found.rowCount > 0) return; await write();',
    ],
    ['a length', 'const rows = await db.query(q); if (rows.length) { return; } await write();'],
    ['a count at least one', 'const n = await db.ticket.count(); if (n >= 1) return; await write();'],
    [
      'a narrowed lookup',
      'const open = (await getCases(u)).filter(isOpen); const has = open.length > 0; if (has) return; await write();',
    ],
    [
      'a local function making a read',
      'const flags = await getFlags(msg.id); if (flags) return; await write();',
    ],
    [
      'a Promise.all of reads',
      'const [a, paid] = await Promise.all([findA(), db.pay.findFirst()]); if (paid) return; await write();',
    ],
    [
      'in a transaction callback',
      'const e = await db.x.findFirst(); if (e) return; await db.$transaction(async (tx) => { await write(); });',
    ],
    [
      'inside the try that wraps the body',
      'try { const e = await db.x.findFirst(); if (e) return; await write(); } catch (err) { throw err; }',
    ],
    [
      'a continue in the loop body holding the write',
      'for (const r of msg.Records) { const e = await db.x.findFirst(); if (e) continue; await write(); }',
    ],
    [
      'a continue in a block of the loop body',
      'for (const r of msg.Records) { const e = await db.x.findFirst(); if (e) { log(e); continue; } await write(); }',
    ],
    [
      'a Drizzle select chain, its first row',
      'const existing = await db.select({ id: t.id }).from(t).where(eq(t.id, msg.id)).limit(1); if (existing[0]) return; await write();',
    ],
    [
      'a Drizzle select chain, its length',
      'const found = await db.select().from(t).where(eq(t.name, msg.name)).limit(1); if (found.length > 0) return found[0].id; await write();',
    ],
    [
      'a knex first()',
      "const e = await knex('events').where({ entityId: msg.id }).first(); if (e) { return update(e); } await write();",
    ],
  ])('guards: %s', (_, body) => {
    // Act and assess
    expect(guarded(body)).toBe(true);
  });

  it.each([
    [
      'the write inside the found branch',
      'const existing = await db.renewal.findFirst(); if (existing) { await write(); return; }',
    ],
    ['a missing row', 'const order = await db.order.findUnique(); if (!order) return; await write();'],
    [
      'equal to null',
      'const order = await db.order.findUnique(); if (order === null) return; await write();',
    ],
    ['no rows', 'const rows = await db.query(q); if (rows.length === 0) return; await write();'],
    [
      'a state of what was found',
      "const order = await db.order.findUnique(); if (order.status === 'CANCELLED') return; await write();",
    ],
    [
      'a flag',
      'const flags = await getFlags(msg.id); if (flags.notificationsDisabled) return; await write();',
    ],
    ['a field', 'const user = await db.user.findUnique(); if (user.blocked) return; await write();'],
    ['a limit', 'const open = await db.ticket.count(); if (open > 5) return; await write();'],
    ['the message, parsed', "const m = await parse(msg.body); if (m.type === 'ping') return; await write();"],
    ['an awaited non-read', 'const ok = await sendMail(); if (ok) return; await write();'],
    ['a return after the write', 'await write(); const e = await db.x.findFirst(); if (e) return;'],
    [
      'a return in a catch before the write',
      'try { await db.x.update(); } catch (err) { const e = await db.x.findFirst(); if (e) return; throw err; } await write();',
    ],
    [
      'a continue outside any loop around the write',
      'for (const r of msg.Records) { const e = await db.x.findFirst(); if (e) continue; } await write();',
    ],
    [
      'a continue of an inner loop',
      'for (const r of msg.Records) { const e = await db.x.findFirst(); if (e) { for (const t of r.tags) continue; } await write(); }',
    ],
    [
      'a loop between the continue and the write',
      'for (const r of msg.Records) { const e = await db.x.findFirst(); if (e) continue; for (const t of r.tags) { await write(); } }',
    ],
    [
      'the rows an insert chain returned',
      'const made = await db.insert(t).values(v).returning(); if (made[0]) return; await write();',
    ],
    [
      'an update chain ending in where',
      'const done = await db.update(t).set(v).where(eq(t.id, msg.id)); if (done) return; await write();',
    ],
    [
      'a second row',
      'const rows = await db.select().from(t).where(c).limit(2); if (rows[1]) return; await write();',
    ],
    [
      'a builder chain with no read link',
      'const q = await client.from(t).where(c).limit(1); if (q) return; await write();',
    ],
  ])('does not guard: %s', (_, body) => {
    // Act and assess
    expect(guarded(body)).toBe(false);
  });
});
