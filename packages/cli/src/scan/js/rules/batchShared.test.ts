// Which exported functions are a shared batch loop other modules' handlers hand their event to.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { sharedBatchFunctions } from './batchShared.js';

/** The shared batch functions of a module at `file`, by their export names. */
function shared(source: string, file = '/app/src/lib/consumer.js'): string[][] {
  const ctx = contextOf(source, file);
  return sharedBatchFunctions(ctx).map((s) => s.names);
}

const LOOP = `const handle = async (event, context, processor) => {
  const results = await Promise.allSettled(event.Records.map(async (r) => processor(JSON.parse(r.body))));
  const failed = results.find(({ status }) => status === 'rejected');
  if (failed) throw failed.reason;
};`;

describe('sharedBatchFunctions', () => {
  it('finds an exported function that loops over the records of the event it is handed', () => {
    expect(shared(`${LOOP}\nmodule.exports = { handle };`)).toEqual([['handle']]);
  });

  it('names every export of the one function', () => {
    expect(shared(`${LOOP}\nmodule.exports = { handle, run: handle };`)).toEqual([['handle', 'run']]);
  });

  it.each([
    ['not exported', `${LOOP}\nmodule.exports = {};`],
    [
      'answers partial failures itself',
      `const handle = async (event) => {
        const batchItemFailures = [];
        for (const r of event.Records) { try { await save(r.body); } catch { batchItemFailures.push({ itemIdentifier: r.messageId }); } }
        return { batchItemFailures };
      };
      module.exports = { handle };`,
    ],
    [
      'reads only the first record',
      'const handle = async (event) => save(JSON.parse(event.Records[0].body));\nmodule.exports = { handle };',
    ],
    [
      'reads no record field',
      'const handle = async (event) => event.Records.length;\nmodule.exports = { handle };',
    ],
  ])('leaves a function that is %s', (_, source) => {
    expect(shared(source)).toEqual([]);
  });

  it('leaves a module whose export is a handler of its own', () => {
    expect(
      shared(
        'export const handler = async (event) => { for (const r of event.Records) await save(r.body); };',
        '/app/src/handler.ts',
      ),
    ).toEqual([]);
  });
});
