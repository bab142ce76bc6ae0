// requeueSites: a pulled message sent back through the helper it came from, on failure, with no count.
import { describe, expect, it } from 'vitest';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf as parsedContext } from '../testing/parsed.js';
import { requeueSites } from './retryRequeue.js';

function contextOf(source: string): ModuleContext {
  return parsedContext(source, 'm.js');
}

/** The lines of the re-sends reported, for a consumer whose catch body is `onFailure`. */
function lines(onFailure: string, head = ''): number[] {
  const source = [
    'export const main = async () => {',
    '  const m = await q.receive();',
    `  const { id } = JSON.parse(m.Body);${head}`,
    '  try { await work(id); }',
    `  catch (e) { ${onFailure} }`,
    '};',
  ].join('\n');
  const ctx = contextOf(source);
  return requeueSites(ctx).map((s) => ctx.position(s.node.start).line);
}

describe('requeueSites', () => {
  it('reports what was received sent back through the same helper on failure', () => {
    expect(lines('await q.send([id]); /* retry later */')).toEqual([5]);
  });

  it('leaves a send through another helper, a counted re-send, and a send of other data', () => {
    expect(lines('await parked.send([id]);')).toEqual([]);
    expect(
      lines('if (attempt > 3) throw e; await q.send([id], attempt + 1);', ' const attempt = 0;'),
    ).toEqual([]);
    expect(lines('await q.send([defaultId]);')).toEqual([]);
  });

  it('follows a rest element of the received body', () => {
    expect(lines('await q.send(ids);', " const [kind, ...ids] = m.Body.split(',');")).toEqual([5]);
  });

  it('counts only a count that is compared or carried, not a name that merely exists', () => {
    expect(lines('await q.send([id]);', ' const maxRetries = 3;')).toEqual([5]);
  });

  it('takes a branch only on a bad answer: a continuation under a success test is not a retry', () => {
    const source = (test: string) =>
      [
        'export const main = async () => {',
        '  const m = await q.receive();',
        '  const { url, cursor } = JSON.parse(m.Body);',
        '  const page = await fetchPage(url, cursor);',
        '  try { await save(page.items); } catch (e) { throw e; }',
        `  if (${test}) await q.send([{ url, cursor: page.nextCursor }]);`,
        '};',
      ].join('\n');
    const found = (test: string) => {
      const ctx = contextOf(source(test));
      return requeueSites(ctx).map((s) => ctx.position(s.node.start).line);
    };
    expect(found('page.nextCursor')).toEqual([]);
    expect(found('!page.ok')).toEqual([6]);
  });

  it('matches a raw SQS client by QueueUrl: parking on a DLQ through the same client is not a re-send', () => {
    const source = (url: string) =>
      [
        'export const main = async () => {',
        '  const out = await sqs.receiveMessage({ QueueUrl: WORK_URL });',
        '  const msg = out.Messages?.[0];',
        '  try { await work(JSON.parse(msg.Body)); }',
        `  catch (e) { await sqs.sendMessage({ QueueUrl: ${url}, MessageBody: msg.Body }); }`,
        '};',
      ].join('\n');
    const found = (url: string) => {
      const ctx = contextOf(source(url));
      return requeueSites(ctx).map((s) => ctx.position(s.node.start).line);
    };
    expect(found('PARKED_DLQ_URL')).toEqual([]);
    expect(found('WORK_URL')).toEqual([5]);
  });
});
