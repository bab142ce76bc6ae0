// Which batch handlers read only the first record of their batch.

import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { handsEventOn, readsOnlyFirstRecord } from './batchSingleRecord.js';

describe('readsOnlyFirstRecord', () => {
  it.each([
    ['a Records[0] read', 'const { id } = JSON.parse(event.Records[0].body);'],
    [
      'a Records[0] read behind an emptiness guard',
      'if (!event.Records || event.Records.length === 0) return; const record = event.Records[0];',
    ],
    ['a guard written > 0', 'if (event.Records.length > 0) { await put(event.Records[0].body); }'],
    ['a negated guard', 'if (!event.Records.length) return; const record = event.Records[0];'],
    ['a guard written 0 ===', 'if (0 === event.Records.length) return; await put(event.Records[0]);'],
    ['a guard through ?.', 'if (event.Records?.length === 0) return; await put(event.Records[0]);'],
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
    [
      'a dispatch on the source only',
      `if (!event.Records || event.Records.length === 0) return;
       if (event.Records[0].eventSource === 'aws:sqs') return fromQueue(event);`,
    ],
    [
      'a drain loop',
      'while (event.Records.length > 0) { const record = event.Records[0]; await put(record); event.Records.shift(); }',
    ],
  ])('does not hold for %s', (_what, text) => {
    expect(readsOnlyFirstRecord(text)).toBe(false);
  });
});

/** The module's first function: an exported arrow or function declaration. */
function firstFunction(source: string): Node {
  const program = parseSync('/app/handler.js', source).program as unknown as Node;
  const decl = (program.body as Node[])[0] as Node;
  const fn = (decl.type === 'ExportNamedDeclaration' ? decl.declaration : decl) as Node;
  return fn.type === 'VariableDeclaration' ? ((fn.declarations as Node[])[0]?.init as Node) : fn;
}

describe('handsEventOn', () => {
  it('holds for a dispatch that hands the whole event to a looping helper', () => {
    const fn = firstFunction(`export const handler = async (event) => {
  if (!event.Records || event.Records.length === 0) return;
  if (event.Records[0].eventSource === 'aws:sqs') return fromQueue(event);
};`);
    expect(handsEventOn(fn)).toBe(true);
  });

  it('does not hold for the event only logged, or named only as the parameter', () => {
    const fn = firstFunction(`export const handler = async (event) => {
  console.log(JSON.stringify(event));
  await put(event.Records[0].body);
};`);
    expect(handsEventOn(fn)).toBe(false);
  });
});
