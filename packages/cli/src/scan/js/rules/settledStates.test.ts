// Which early returns on a loaded row's state guard a later write (returnsWhenSettled): the state the
// function itself leaves the row in, not a precondition a redelivery passes again.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { returnsWhenSettled } from './settledStates.js';

/** Is `write()` in `async function f(msg) { <body> }` past a settled-state return? */
function guarded(body: string): boolean {
  const ctx = contextOf(`async function f(msg) { ${body} }`, 'm.js');
  const write = ctx
    .of('CallExpression')
    .find((c) => (c.callee as Node).type === 'Identifier' && c.callee.name === 'write');
  if (write === undefined) throw new Error('no write() in the body');
  return returnsWhenSettled(ctx, write);
}

const load = 'const s = await db.submission.findUnique({ where: { id: msg.id } });';

describe('returnsWhenSettled', () => {
  it.each([
    [
      'a status and a result id the function writes later',
      `${load} if (s.status === 'GRADED' && s.attemptId) return; const a = await write(); await db.submission.update({ where: { id: msg.id }, data: { status: 'GRADED', attemptId: a.id } });`,
    ],
    [
      'a literal on the left',
      `${load} if ('DONE' === s.state) { log(); return; } await write(); await db.submission.update({ data: { state: 'DONE' } });`,
    ],
    [
      'a timestamp, the write naming the row',
      `${load} if (s.processedAt) return; await write(); await store.save({ id: s.id, processedAt: new Date() });`,
    ],
    [
      'the insert in a transaction callback below the guard',
      `${load} if (s.status === 'SENT') return; await db.$transaction(async (tx) => { await write(); await db.submission.update({ data: { status: 'SENT' } }); });`,
    ],
  ])('guards: %s', (_, body) => {
    // Act and assess
    expect(guarded(body)).toBe(true);
  });

  it.each([
    [
      'a state the function never writes (a precondition)',
      `${load} if (s.status === 'CANCELLED') return; await write(); await db.submission.update({ data: { status: 'SHIPPED' } });`,
    ],
    [
      'a flag nothing sets',
      `${load} if (s.blocked) return; await write(); await db.submission.update({ data: { seen: true } });`,
    ],
    [
      'only that the row is missing',
      `${load} if (!s) return; await write(); await db.submission.update({ data: { status: 'DONE' } });`,
    ],
    [
      'the state written to another store',
      `${load} if (s.status === 'DONE') return; await write(); await db.audit.update({ where: { id: msg.auditId }, data: { status: 'DONE' } });`,
    ],
    [
      'the state written only before the guard',
      `${load} await db.submission.update({ data: { status: 'DONE' } }); if (s.status === 'DONE') return; await write();`,
    ],
    [
      'a part of the test on the message',
      `${load} if (s.status === 'DONE' && msg.force) return; await write(); await db.submission.update({ data: { status: 'DONE' } });`,
    ],
    [
      'a field of the parsed message',
      `const m = JSON.parse(msg.body); if (m.status === 'DONE') return; await write(); await db.submission.update({ data: { status: 'DONE' } });`,
    ],
    [
      'the state cleared, not set',
      `${load} if (s.attemptId) return; await write(); await db.submission.update({ data: { attemptId: null } });`,
    ],
  ])('no guard: %s', (_, body) => {
    // Act and assess
    expect(guarded(body)).toBe(false);
  });
});
