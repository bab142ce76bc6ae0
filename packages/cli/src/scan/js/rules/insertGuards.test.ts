// Which tests around an insert guard it (guarded): a test on what an await read that only says the lookup
// found something (presenceOnly) is no guard, a redelivery finds the same rows; a conditional write's answer
// (a claim) is one, the first delivery won it and a redelivery does not.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { guarded } from './insertGuards.js';

/** Is `write()` in `async function f(msg) { <body> }` guarded? */
function guardedWrite(body: string): boolean {
  const source = `async function f(msg) { ${body} }`;
  const ctx = contextOf(source, 'm.js');
  const write = ctx
    .of('CallExpression')
    .find((c) => (c.callee as Node).type === 'Identifier' && c.callee.name === 'write');
  if (write === undefined) throw new Error('no write() in the body');
  return guarded(ctx, write);
}

describe('presenceOnly, through guarded', () => {
  it.each([
    ['a length above zero', 'const rows = await coll.find(q).toArray(); if (rows.length > 0) await write();'],
    ['zero below a length', 'const rows = await coll.find(q).toArray(); if (0 < rows.length) await write();'],
    ['the row itself', 'const row = await repo.findOne(q); if (row) await write();'],
    ['not null', 'const row = await repo.findOne(q); if (row !== null) await write();'],
    ['null not the row', 'const row = await repo.findOne(q); if (null !== row) await write();'],
    ['not undefined, loosely', 'const row = await repo.findOne(q); if (row != undefined) await write();'],
    ['a size at least one', 'const rows = await repo.findBy(q); if (rows.length >= 1) await write();'],
    [
      'two found-tests joined',
      'const row = await repo.findOne(q); const rows = await repo.find(q); if (row && rows.length > 0) await write();',
    ],
    [
      'a DynamoDB Count',
      'const out = await ddb.send(new QueryCommand(p)); if (out.Count > 0) await write();',
    ],
    [
      "a SELECT's rowCount",
      "const found = await pool.query('SELECT 1 FROM lines WHERE n = $1', [n]); if (found.rowCount > 0) await write();",
    ],
  ])('is no guard: %s', (_, body) => {
    // Act and assess
    expect(guardedWrite(body)).toBe(false);
  });

  it.each([
    [
      'a claim that inserted',
      "const claim = await pool.query('INSERT INTO processed (id) VALUES ($1) ON CONFLICT DO NOTHING', [id]); if (claim.rowCount > 0) await write();",
    ],
    [
      'an UPDATE that moved the state',
      "const { rowCount } = await pool.query(\"UPDATE orders SET state='SETTLED' WHERE n=$1 AND state='OPEN'\", [n]); if (rowCount > 0) await write();",
    ],
    [
      'the same, operands swapped',
      "const { rowCount } = await pool.query(\"UPDATE orders SET state='SETTLED' WHERE n=$1 AND state='OPEN'\", [n]); if (0 < rowCount) await write();",
    ],
    ['findOneAndUpdate', 'const doc = await coll.findOneAndUpdate(q, u); if (doc !== null) await write();'],
    ['a redis SET NX', "const won = await redis.set(key, '1', 'NX'); if (won === 'OK') await write();"],
    ['a modifiedCount', 'const res = await coll.updateOne(q, u); if (res.modifiedCount > 0) await write();'],
    [
      'a state the first delivery changes',
      'const run = await repo.findOne(q); if (run.closedAt === undefined) await write();',
    ],
    [
      'undefined where zero is asked for',
      'const rows = await repo.find(q); if (rows.length > undefined) await write();',
    ],
  ])('guards: %s', (_, body) => {
    // Act and assess
    expect(guardedWrite(body)).toBe(true);
  });
});

describe('replacedFirst, through guarded', () => {
  /** Is the `db.insert(...)` call in `async function f(msg) { <body> }` guarded? */
  function guardedInsert(body: string): boolean {
    const ctx = contextOf(`async function f(msg) { ${body} }`);
    const insert = ctx.of('CallExpression').find((c) => memberName(c) === 'insert');
    if (insert === undefined) throw new Error('no db.insert() in the body');
    return guarded(ctx, insert);
  }
  const memberName = (c: Node) => ((c.callee as Node).property as Node | undefined)?.name;

  it.each([
    [
      'the rows the insert writes',
      'await db.delete(steps).where(eq(steps.jobId, msg.id)); await db.insert(steps).values({ jobId: msg.id, title: msg.title });',
    ],
    [
      'the same status literal',
      "await db.delete(steps).where(and(eq(steps.jobId, jobId), eq(steps.status, 'pending'))); await db.insert(steps).values(msg.rows.map((r) => ({ jobId, title: r.title, status: 'pending' as const })));",
    ],
  ])('knows a Drizzle delete earlier in the function of %s', (_, body) => {
    // Act and assess
    expect(guardedInsert(body)).toBe(true);
  });

  it.each([
    [
      'another table deleted',
      'await db.delete(stale).where(eq(stale.jobId, msg.id)); await db.insert(steps).values(msg.rows);',
    ],
    [
      'the delete after the insert',
      'await db.insert(steps).values(msg.rows); await db.delete(steps).where(eq(steps.jobId, msg.id));',
    ],
    ['a delete not built by a chain', 'await cache.delete(steps); await db.insert(steps).values(msg.rows);'],
    [
      'a delete of stale rows before pending ones',
      "await db.delete(steps).where(and(eq(steps.jobId, msg.id), eq(steps.status, 'stale'))); await db.insert(steps).values({ jobId: msg.id, status: 'pending' });",
    ],
    [
      "a delete of another job's rows",
      'await db.delete(steps).where(eq(steps.jobId, msg.previousJobId)); await db.insert(steps).values({ jobId: msg.id });',
    ],
    [
      'a delete on a path that returns',
      'if (msg.reset) { await db.delete(steps).where(eq(steps.jobId, msg.id)); return; } await db.insert(steps).values({ jobId: msg.id });',
    ],
  ])('is no guard: %s', (_, body) => {
    // Act and assess
    expect(guardedInsert(body)).toBe(false);
  });
});

describe('replacedFirst, RDS Data API statements', () => {
  /** Is the `INSERT INTO chunks ...` literal in `async function f(msg) { <body> }` guarded? */
  function guardedSql(body: string): boolean {
    const ctx = contextOf(`async function f(msg) { ${body} }`);
    const insert = ctx.of('Literal').find((l) => /^INSERT INTO/.test(String(l.value)));
    if (insert === undefined) throw new Error('no INSERT INTO literal in the body');
    return guarded(ctx, insert);
  }

  it.each([
    [
      'an ExecuteStatementCommand delete',
      "await rds.send(new ExecuteStatementCommand({ sql: 'DELETE FROM chunks WHERE item_id = :id' })); for (const b of msg.batches) await rds.send(new BatchExecuteStatementCommand({ sql: 'INSERT INTO chunks (item_id) VALUES (:id)', parameterSets: b }));",
    ],
    [
      'an SDK v2 executeStatement delete',
      "await rdsData.executeStatement({ sql: 'DELETE FROM chunks WHERE item_id = :id' }).promise(); await rdsData.executeStatement({ sql: 'INSERT INTO chunks (item_id) VALUES (:id)' }).promise();",
    ],
  ])('knows %s earlier in the function', (_, body) => {
    // Act and assess
    expect(guardedSql(body)).toBe(true);
  });

  it.each([
    [
      'a delete from another table',
      "await rds.send(new ExecuteStatementCommand({ sql: 'DELETE FROM jobs WHERE id = :id' })); await rds.send(new ExecuteStatementCommand({ sql: 'INSERT INTO chunks (item_id) VALUES (:id)' }));",
    ],
    [
      'a select of the same table',
      "await rds.send(new ExecuteStatementCommand({ sql: 'SELECT id FROM chunks WHERE item_id = :id' })); await rds.send(new ExecuteStatementCommand({ sql: 'INSERT INTO chunks (item_id) VALUES (:id)' }));",
    ],
    [
      'the delete after the insert',
      "await rds.send(new ExecuteStatementCommand({ sql: 'INSERT INTO chunks (item_id) VALUES (:id)' })); await rds.send(new ExecuteStatementCommand({ sql: 'DELETE FROM chunks WHERE item_id = :id' }));",
    ],
    [
      'a delete on a path that returns',
      "if (msg.reset) { await rds.send(new ExecuteStatementCommand({ sql: 'DELETE FROM chunks' })); return; } await rds.send(new ExecuteStatementCommand({ sql: 'INSERT INTO chunks (item_id) VALUES (:id)' }));",
    ],
  ])('is no guard: %s', (_, body) => {
    // Act and assess
    expect(guardedSql(body)).toBe(false);
  });
});
