// Which deletes cleanupAfterWork calls a cleanup after the work: a SQL DELETE, an AWS delete or a helper
// named for a delete, once the function awaited a write or a send before it; not a delete that is the
// function's first work (behind reads only), nor one before the write.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { calleeName } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { cleanupAfterWork, cleanupTryAfterWork, helperCleanup } from './cleanupAfterWork.js';

/** The receiver of the module's `.catch(...)` chain and its context. */
function receiverOf(source: string) {
  const ctx = contextOf(source);
  const call = ctx.of('CallExpression').find((c) => calleeName(c) === 'catch') as Node;
  return { ctx, receiver: call.callee.object as Node };
}

/** The first try statement of `source` and its context. */
function tryOf(source: string) {
  const ctx = contextOf(source);
  return { ctx, tryStatement: ctx.parentOf(ctx.of('CatchClause')[0] as Node) as Node };
}

describe('cleanupAfterWork', () => {
  it.each([
    // A SQL DELETE after the UPDATE that is the work.
    [
      "await pool.query('UPDATE users SET h = $1', [h]); await pool.query('DELETE FROM temp WHERE u = $1', [u]).catch(() => {});",
    ],
    // An AWS delete command after a send.
    [
      'await ses.send(new SendEmailCommand(m)); await ddb.send(new DeleteItemCommand(k)).catch(() => undefined);',
    ],
    // A TS cast around the delete (10).
    [
      "await pool.query('UPDATE u SET h = $1', [h]); await (pool.query('DELETE FROM t') as Promise<void>).catch(() => {});",
    ],
    // A prebuilt delete command after writes in a Promise.all (1, 2).
    [
      'await Promise.all([save(m), getUser(k)]); const del = new DeleteItemCommand(k); await ddb.send(del).catch(() => {});',
    ],
  ])('excuses a delete after the work: %s', (body) => {
    // Prepare
    const { ctx, receiver } = receiverOf(`async function h(pool, h, u, m, k) { ${body} }`);

    // Act
    const excused = cleanupAfterWork(ctx, receiver);

    // Assess
    expect(excused).toBe(true);
  });

  it.each([
    // The delete is the work: only a read and the await around the chain come before it.
    [
      "const { rows } = await pool.query('SELECT id FROM d WHERE id = $1', [id]); await pool.query('DELETE FROM d WHERE id = $1', [id]).catch(() => {});",
    ],
    // Not a delete: a write after a write is work too.
    ["await save(x); await pool.query('UPDATE stats SET n = n + 1').catch(() => {});"],
    // A delete before the write.
    ["await pool.query('DELETE FROM d WHERE id = $1', [id]).catch(() => {}); await save(x);"],
    // The earlier work is a callback's, run at its own time.
    ["items.forEach(async (i) => { await save(i); }); await pool.query('DELETE FROM d').catch(() => {});"],
    // Checks, a body parse, reads in a Promise.all or a BEGIN before a DELETE route's own delete are no work (1).
    ["await assertOwner(e, id); await pool.query('DELETE FROM d WHERE id = $1', [id]).catch(() => {});"],
    ["const { n } = await req.json(); await pool.query('DELETE FROM d WHERE id = $1', [n]).catch(() => {});"],
    ["await Promise.all([getNote(id), getUser(e)]); await pool.query('DELETE FROM d').catch(() => {});"],
    ["await pool.query('BEGIN'); await pool.query('DELETE FROM d WHERE id = $1', [id]).catch(() => {});"],
    // A Promise.all of deletes first: a cascade (1).
    ['await Promise.all([deleteA(id), deleteB(id)]); await save(x); await deleteC(id).catch(() => {});'],
    // A prebuilt read command is no work (2).
    [
      'const c = new GetCommand(id); await doc.send(c); await doc.send(new DeleteCommand(id)).catch(() => {});',
    ],
    // The write is in a branch that returned: not on this path (3).
    [
      "const n = await getNote(id); if (!n) { await notifyMissing(id); return 404; } await pool.query('DELETE FROM d').catch(() => {});",
    ],
    // The write is in an `if` that may not have run (3).
    ["if (x) { await save(x); } await pool.query('DELETE FROM d').catch(() => {});"],
    // A rollback in the catch of the try that wrote: the try may have failed there (4).
    [
      "try { await pool.query('INSERT INTO o VALUES ($1)', [id]); await charge(id); } catch (e) { await pool.query('DELETE FROM o WHERE id = $1', [id]).catch(() => {}); return 402; }",
    ],
    // A delete before the write inside one try (6).
    ["try { await pool.query('DELETE FROM d').catch(() => {}); await save(x); } catch (e) { log(e); }"],
    // Not a delete: a disable after a write (8).
    ['await doc.send(new PutItemCommand(x)); await eb.send(new DisableRuleCommand(id)).catch(() => {});'],
  ])('keeps a delete that may be the work: %s', (body) => {
    // Prepare
    const { ctx, receiver } = receiverOf(`async function h(pool, id, x, items) { ${body} }`);

    // Act
    const excused = cleanupAfterWork(ctx, receiver);

    // Assess
    expect(excused).toBe(false);
  });
});

describe('cleanupTryAfterWork', () => {
  it('excuses a stale connection removed in the catch of its post', () => {
    // Prepare
    const { ctx, tryStatement } = tryOf(
      'async function h(id) { try { await api.postToConnection({ ConnectionId: id }); } catch (err) { if (err.statusCode !== 410) throw err; try { await removeConnection(id); } catch (e) { log(e); } } }',
    );
    const inner = ctx.parentOf(ctx.of('CatchClause')[1] as Node) as Node;

    // Act
    const excused = cleanupTryAfterWork(ctx, inner);

    // Assess
    expect(tryStatement).not.toBe(inner);
    expect(excused).toBe(true);
  });

  it('excuses a stale connection removed when a status read from the error says Gone', () => {
    // Prepare
    const ctx = contextOf(
      'async function h(id) { try { await api.postToConnection({ ConnectionId: id }); } catch (err) { const status = err?.statusCode; if (status === 410) { try { await removeConnection(id); } catch (e) { log(e); } } } }',
    );
    const inner = ctx.parentOf(ctx.of('CatchClause')[1] as Node) as Node;

    // Act
    const excused = cleanupTryAfterWork(ctx, inner);

    // Assess
    expect(excused).toBe(true);
  });

  it('reads a $-named error and ignores its name in a comment', () => {
    // Prepare
    const source = (param: string, test: string) =>
      `async function h(id) { try { await api.postToConnection({ ConnectionId: id }); } catch (${param}) { ${test} { try { await removeConnection(id); } catch (e) { log(e); } } } }`;
    const judge = (src: string) => {
      const ctx = contextOf(src);
      return cleanupTryAfterWork(ctx, ctx.parentOf(ctx.of('CatchClause')[1] as Node) as Node);
    };

    // Act
    const dollar = judge(source('$e', 'if ($e.statusCode === 410)'));
    const commentOnly = judge(source('err', 'if (gone /* err */)'));

    // Assess
    expect(dollar).toBe(true);
    expect(commentOnly).toBe(false);
  });

  it('excuses a try that only calls a delete helper after a send', () => {
    // Prepare
    const { ctx, tryStatement } = tryOf(
      'async function h(tx, key) { await sendTransaction(tx); try { await deleteTempKey(key); } catch (e) { log(e); } }',
    );

    // Act
    const excused = cleanupTryAfterWork(ctx, tryStatement);

    // Assess
    expect(excused).toBe(true);
  });

  it.each([
    // Only a read before the delete: the delete is the work.
    ['const n = await getNote(id); try { await deleteNote(n.id); } catch (e) { log(e); }'],
    // A delete after a delete: the cascade may be the work.
    ['await deleteUser(id); try { await removePosts(id); } catch (e) { log(e); }'],
    // A cascade whose first commit is a delete, a count update after it, behind a connect.
    [
      "await db.connect(); await db.query('DELETE FROM a WHERE p = $1', [id]); await updateCount(id); try { await db.query('DELETE FROM b WHERE p = $1', [id]); } catch (e) { log(e); }",
    ],
    // The write is in another case of the switch: it never ran on this path.
    [
      "switch (id) { case 'STOP': await addBlock(id); break; case 'START': try { await removeBlock(id); } catch (e) { log(e); } }",
    ],
    // A check before the delete is no work (1).
    ['await validateInput(id); try { await deleteNote(id); } catch (e) { log(e); }'],
    // Removing a grant after a write is the work (7).
    ['await saveUser(id); try { await removeRole(id, 0); } catch (e) { log(e); }'],
    // The try writes as well as deletes.
    ['await send(id); try { await deleteTemp(id); await save(id); } catch (e) { log(e); }'],
  ])('keeps: %s', (body) => {
    // Prepare
    const { ctx, tryStatement } = tryOf(`async function h(id) { ${body} }`);

    // Act
    const excused = cleanupTryAfterWork(ctx, tryStatement);

    // Assess
    expect(excused).toBe(false);
  });
});

describe('helperCleanup', () => {
  it('excuses a helper whose try only deletes', () => {
    // Prepare
    const { ctx, tryStatement } = tryOf(
      'export async function drop(key) { try { return await s3.deleteObject({ Key: key }).promise(); } catch (e) { console.log(e); } }',
    );

    // Act
    const excused = helperCleanup(ctx, tryStatement);

    // Assess
    expect(excused).toBe(true);
  });

  it('keeps a helper whose try reads', () => {
    // Prepare
    const { ctx, tryStatement } = tryOf(
      'export async function read(key) { try { return await s3.getObject({ Key: key }).promise(); } catch (e) { console.log(e); } }',
    );

    // Act
    const excused = helperCleanup(ctx, tryStatement);

    // Assess
    expect(excused).toBe(false);
  });
});
