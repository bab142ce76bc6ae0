// Which batch handlers read only the first record of their batch.
import { describe, expect, it } from 'vitest';
import { readsOnlyFirstRecord } from './batchSingleRecord.js';

describe('readsOnlyFirstRecord', () => {
  it.each([
    ['a Records[0] read', 'const { id } = JSON.parse(event.Records[0].body);'],
    [
      'a Records[0] read behind an emptiness guard',
      'if (!event.Records || event.Records.length === 0) return; const record = event.Records[0];',
    ],
    ['a guard written > 0', 'if (event.Records.length > 0) { await put(event.Records[0].body); }'],
  ])('holds for %s', (_what, text) => {
    expect(readsOnlyFirstRecord(text)).toBe(true);
  });

  it.each([
    [
      'a loop over the records',
      'for (const r of event.Records) await put(r); const first = event.Records[0];',
    ],
    ['a count that is more than a guard', 'log(event.Records.length); const record = event.Records[0];'],
    [
      'a length compared with another number',
      'if (event.Records.length === 10) warn(); put(event.Records[0]);',
    ],
  ])('does not hold for %s', (_what, text) => {
    expect(readsOnlyFirstRecord(text)).toBe(false);
  });
});
