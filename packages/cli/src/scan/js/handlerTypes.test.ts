// Which untyped handlers read a queue or stream batch: a record taken apart as an SES, SNS or S3
// notification is one record per invocation, even when its mail's `messageId` is read; an SQS record (an S3
// notification delivered through SQS included) is a batch.
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from './ast.js';
import { isBatch } from './handlerTypes.js';
import { contextOf } from './testing/parsed.js';

/** Whether the first function of `source` is read as a batch handler. */
function batch(source: string): boolean {
  const ctx = contextOf(source, 'index.js');
  let fn: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'ArrowFunctionExpression') fn ??= n;
    return fn !== undefined;
  });
  return isBatch(ctx, fn as Node);
}

describe('isBatch by record shape', () => {
  it.each([
    [
      'an SES receipt destructured in the loop, its mail messageId read',
      'export const handler = async (event) => { for (const { ses: { mail } } of event.Records) await s3.send(new GetObjectCommand({ Key: mail.messageId })); };',
    ],
    [
      'an SES record read as a member',
      'export const handler = async (event) => { const { mail } = event.Records[0].ses; await save(mail.messageId); };',
    ],
    [
      'a direct S3 notification',
      'export const handler = async (event) => { for (const r of event.Records) await copy(r.s3.bucket.name, r.s3.object.key, r.messageId); };',
    ],
  ])('reads %s as no batch', (_, source) => {
    // Act
    const read = batch(source);

    // Assess
    expect(read).toBe(false);
  });

  it.each([
    [
      'an SQS record whose messageId is read',
      'export const handler = async (event) => { for (const r of event.Records) await save(r.messageId, r.attributes); };',
    ],
    [
      'an S3 notification delivered through SQS',
      'export const handler = async (event) => { for (const r of event.Records) { const { s3: { object } } = JSON.parse(r.body).Records[0]; await copy(object.key); } };',
    ],
    [
      'an S3 notification through SQS whose body is destructured in the loop',
      'export const handler = async (event) => { for (const { body } of event.Records) { const r = JSON.parse(body).Records[0]; await copy(r.s3.object.key); } };',
    ],
    [
      'an S3 notification through SQS whose messageId and body are destructured',
      'export const handler = async (event) => { for (const { messageId, body } of event.Records) { const { s3: { object } } = JSON.parse(body); await copy(object.key, messageId); } };',
    ],
  ])('reads %s as a batch', (_, source) => {
    // Act
    const read = batch(source);

    // Assess
    expect(read).toBe(true);
  });
});
