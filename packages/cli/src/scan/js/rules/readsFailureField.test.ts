// readsFailureField must answer exactly as FAILED_READ does: its plain searches only skip the expression
// where it cannot match.
import { describe, expect, it } from 'vitest';
import { FAILED_READ, readsFailureField } from './gatheredFailures.js';

const TEXTS = [
  'if (res.FailedEntryCount > 0) throw new Error()',
  'const n = out?.FailedRecordCount;',
  'return answer.Failed.map((f) => f.Id);',
  'if (batch.UnprocessedItems) retry()',
  'x.UnprocessedKeys',
  'if (status === Status.Failed) return;',
  'const Failed = 1; log(Failed);',
  'res.FailedSoon',
  'const unprocessed = r.Unprocessed;',
  '',
];

describe('readsFailureField', () => {
  it.each(TEXTS)('%j answers as FAILED_READ does', (text) => {
    // Act
    const answer = readsFailureField(text);

    // Assess
    expect(answer).toBe(FAILED_READ.test(text));
  });
});
