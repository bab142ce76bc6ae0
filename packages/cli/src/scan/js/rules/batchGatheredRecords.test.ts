import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { recordsOnlyGathered } from './batchGatheredRecords.js';

const gathered = (body: string) => {
  const ctx = contextOf(`export const handler = async (event) => { ${body} };`);
  const fn = [...ctx.handlers.keys()][0];
  if (fn === undefined) throw new Error('no handler');
  return recordsOnlyGathered(ctx, fn);
};

describe('recordsOnlyGathered', () => {
  it.each([
    [
      'parsed in a try, one batch-wide send',
      'const d = []; for (const r of event.Records || []) { try { d.push(JSON.parse(r.body)); } catch (e) { console.error(e); } } await cw.send(new PutMetricDataCommand({ MetricData: d }));',
    ],
    [
      'mapped to entries',
      'const d = []; event.Records.forEach((r) => { try { d.push({ id: JSON.parse(r.body).id, at: new Date() }); } catch {} }); await cw.send(new PutMetricDataCommand({ MetricData: d }));',
    ],
  ])('holds for records %s', (_why, body) => {
    // Act
    const answer = gathered(body);

    // Assess
    expect(answer).toBe(true);
  });

  it.each([
    ['awaited per record', 'for (const r of event.Records) { await save(JSON.parse(r.body)); }'],
    [
      'handed to a project function per record',
      'for (const r of event.Records) { store(r); } await flush();',
    ],
    [
      'gathered, then written one by one',
      'const d = []; for (const r of event.Records) d.push(r.body); for (const x of d) await save(x);',
    ],
    [
      'gathered, then written in an awaiting callback',
      'const d = event.Records.map((r) => r.body); await Promise.all(d.map(async (x) => { await save(x); }));',
    ],
    ['never looped over', 'await save(event.Records[0].body);'],
    [
      'parsed outside a try',
      'const d = []; for (const r of event.Records) d.push(JSON.parse(r.body)); await cw.send(new PutMetricDataCommand({ MetricData: d }));',
    ],
    [
      'parsed with no send after',
      'for (const r of event.Records) { try { console.log(JSON.parse(r.body)); } catch {} }',
    ],
    [
      'gathered for a project function',
      'const d = event.Records.map((r) => r.body); await requestProcessing(d);',
    ],
    [
      'gathered for a batch API with per-entry failures',
      'const d = event.Records.map((r) => ({ Id: r.messageId })); await sqs.send(new SendMessageBatchCommand({ Entries: d }));',
    ],
  ])('does not hold for records %s', (_why, body) => {
    // Act
    const answer = gathered(body);

    // Assess
    expect(answer).toBe(false);
  });
});
