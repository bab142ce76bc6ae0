// A log/audit/history/events row after an outbound send on its path records that send's repeat (sideRecord);
// a record after other work, or its function's only write, or a row that is no record, is judged like any insert.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { sideRecord } from './sideRecords.js';

/** sideRecord for the last insert-shaped call (`insert`, `insertOne`, `create`) in `async function f(msg) { <body> }`. */
function lastInsertIsSideRecord(body: string): boolean {
  const ctx = contextOf(`async function f(msg) { ${body} }`);
  const inserts = ctx
    .of('CallExpression')
    .filter((c) =>
      /^(insert|insertOne|create)$/.test(((c.callee as Node).property as Node | undefined)?.name ?? ''),
    )
    .sort((a, b) => a.start - b.start);
  const last = inserts.at(-1);
  if (last === undefined) throw new Error('no insert in the body');
  return sideRecord(ctx, last);
}

describe('sideRecord', () => {
  it.each([
    [
      'a delivery log after the send inside a try',
      'try { await sendEmail(msg); } catch (e) { status = "failed"; } await db.insert(deliveryLog).values({ jobId: msg.id });',
    ],
    [
      'a delivery log after the send',
      'await sendEmail(msg); await db.insert(deliveryLog).values({ jobId: msg.id });',
    ],
    [
      'a delivery log after a POST',
      'await fetch(msg.url, { method: "POST", body: msg.body }); await db.insert(webhookLog).values({ url: msg.url });',
    ],
    [
      'a Mongo log collection after a send',
      'await sendSms(msg); await mongo.collection("logs").insertOne(msg);',
    ],
    ['a Prisma history model after a send', 'await sendSms(msg); await db.smsHistory.create({ data: msg });'],
  ])('knows %s', (_, body) => {
    // Act and assess
    expect(lastInsertIsSideRecord(body)).toBe(true);
  });

  it.each([
    ['an audit row alone', 'await db.insert(auditLog).values({ action: msg.action });'],
    [
      'a log row after another log row',
      'await db.insert(caseLog).values(msg); await db.insert(auditLog).values(msg);',
    ],
    [
      'a row that is no record',
      'await sendEmail(msg); await db.insert(inboxItems).values({ userId: msg.user });',
    ],
    ['a log row after a GET', 'await fetch(msg.url); await db.insert(fetchLog).values({ url: msg.url });'],
    [
      'a log row after a read sent through a client',
      'await ddb.send(new GetCommand({ Key: msg.key })); await db.insert(readLog).values({ key: msg.key });',
    ],
    [
      'a log row before the work',
      'await db.insert(deliveryLog).values({ jobId: msg.id }); await sendEmail(msg);',
    ],
    [
      'a log row after a read only',
      'await db.select().from(tasks); await db.insert(taskEvents).values({ taskId: msg.id });',
    ],
    [
      'an events row after the status update',
      'await db.update(tasks).set({ status: "blocked" }); await db.insert(taskEvents).values({ taskId: msg.id });',
    ],
    ['a catalog (no log) after a send', 'await sendEmail(msg); await db.insert(productCatalog).values(msg);'],
    ['a blog row after a send', 'await sendNotification(msg); await db.insert(blog).values(msg);'],
    ['a dialog row after a send', 'await sendSlack(msg); await db.insert(dialog).values(msg);'],
    ["the app's own events after a send", 'await sendSlack(msg); await db.insert(events).values(msg);'],
    ['an outbox row after a send', 'await sendSlack(msg); await db.insert(outboxEvents).values(msg);'],
    [
      'a log row after a send in a branch that returns',
      'if (msg.kind === "mail") { await sendEmail(msg); return; } await db.insert(auditLog).values(msg);',
    ],
    [
      'a log row after a cache delete',
      'await cache.delete(key).catch(() => {}); await db.insert(auditLog).values(msg);',
    ],
    ['a log row after a response', 'res.send({ ok: true }); await db.insert(auditLog).values(msg);'],
    [
      'a log row after a receive',
      'await sqs.send(new ReceiveMessageCommand({ QueueUrl: q })); await db.insert(auditLog).values(msg);',
    ],
  ])('leaves %s to the rule', (_, body) => {
    // Act and assess
    expect(lastInsertIsSideRecord(body)).toBe(false);
  });
});
