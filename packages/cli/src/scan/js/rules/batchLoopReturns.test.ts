// Which return of a batch handler leaves its record loop after a record's work (the rest of the batch lost).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { recordLoopReturn } from './batchLoopReturns.js';

/** The source text of the return recordLoopReturn picks in the module's first function, if any. */
function picked(source: string): string | undefined {
  const ctx = contextOf(source, '/app/handler.js');
  const program = ctx.program;
  const decl = (program.body as Node[])[0] as Node;
  const fn = (decl.type === 'ExportNamedDeclaration' ? decl.declaration : decl) as Node;
  const init = fn.type === 'VariableDeclaration' ? ((fn.declarations as Node[])[0]?.init as Node) : fn;
  const found = recordLoopReturn(init, (n) => ctx.parentOf(n));
  return found === undefined ? undefined : source.slice(found.start, found.end);
}

describe('recordLoopReturn', () => {
  it('finds the return after the awaited work of a for-of over the records', () => {
    expect(
      picked(`export const handler = async (event) => {
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT') continue;
    await save(record);
    return { statusCode: 200 };
  }
};`),
    ).toBe('return { statusCode: 200 };');
  });

  it('finds it in an indexed loop over the records and inside a try', () => {
    expect(
      picked(`export async function handler(event) {
  for (let i = 0; i < event.Records.length; i++) {
    try {
      await save(event.Records[i]);
      return 'ok';
    } catch (e) {
      return 'failed';
    }
  }
}`),
    ).toBe("return 'ok';");
  });

  it.each([
    [
      'return await f(record)',
      `export const handler = async (event) => {
  for (const record of event.Records) {
    const msg = JSON.parse(record.body);
    return await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: msg.text }));
  }
};`,
      'return await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: msg.text }));',
    ],
    [
      'return f(record) in a loop without braces',
      `export const handler = async (event) => {
  for (const r of event.Records) return handle(r);
};`,
      'return handle(r);',
    ],
    [
      "an if branch answering with the record's work",
      `export const handler = async (event) => {
  for (const record of event.Records) {
    const data = JSON.parse(record.body);
    if (data.id) { return await check(data.id); } else { await checkAll(data.caseId); }
  }
};`,
      'return await check(data.id);',
    ],
  ])('finds a return whose value does the work: %s', (_what, source, expected) => {
    expect(picked(source)).toBe(expected);
  });

  it.each([
    [
      'a plain answer with no work before it',
      `export const handler = async (event) => {
  for (const r of event.Records) { log(r); return ok(); }
};`,
    ],
    [
      'a return after the loop',
      `export const handler = async (event) => {
  for (const record of event.Records) await save(record);
  return 'done';
};`,
    ],
    [
      'a guard before any awaited work',
      `export const handler = async (event) => {
  for (const record of event.Records) {
    if (!record.body) return;
    await save(record);
  }
};`,
    ],
    [
      'a return in the catch of a failed record',
      `export const handler = async (event) => {
  for (const record of event.Records) {
    try { await save(record); } catch (e) { console.error(e); return; }
  }
};`,
    ],
    [
      'a return under an if (a record that gives up)',
      `export const handler = async (event) => {
  for (const record of event.Records) {
    const info = await lookup(record);
    if (info.attempts > 3) { await park(record); return; }
    await retry(record);
  }
};`,
    ],
    [
      'a return carrying work under a switch',
      `export const handler = async (event) => {
  for (const record of event.Records) {
    switch (record.kind) { case 'a': return await save(record); default: await skip(record); }
  }
};`,
    ],
    [
      'a return inside a callback of the loop',
      `export const handler = async (event) => {
  for (const record of event.Records) {
    await Promise.all(record.items.map(async (item) => { await save(item); return item.id; }));
  }
};`,
    ],
    [
      'a loop over something other than the records',
      `export const handler = async (event) => {
  const ids = JSON.parse(event.body).ids;
  for (const id of ids) { await save(id); return id; }
};`,
    ],
  ])('ignores %s', (_what, source) => {
    expect(picked(source)).toBeUndefined();
  });
});
