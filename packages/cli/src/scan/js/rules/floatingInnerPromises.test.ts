// Promises dropped inside another construct: an await on forEach, a map's array as one Promise.all element,
// a loop started inside a `new Promise` executor of a helper; and the near misses that float nothing.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';
import { bareLocalAsyncCall } from '../gateFloating.js';

const fixture = join(import.meta.dirname, '../../../../fixtures/corpus/floating-inner-promises');

describe('promises dropped inside another construct', () => {
  it('reports each dropped promise once, at the construct that drops it', async () => {
    // Act
    const result = await scan({ root: fixture, workers: 0 });

    // Assess: a map that only gathers, a re-armed timer, a spread map and a map of plain values stay silent.
    const found = result.findings
      .filter((f) => f.rule === 'floating-promise')
      .map((f) => `${f.file}:${f.line} ${f.message.slice(0, 40)}`);
    // A timer outside the function it starts is its own dropped promise (flush.ts), beside the bare start.
    expect(found).toEqual([
      'flush.ts:8 flush(...) is not awaited: Lambda may fr',
      'flush.ts:9 setTimeout(...) schedules async work nob',
      'pace.ts:13 callFn(...) is started inside a new Prom',
      'purge.ts:11 event.notes.map(async ...) starts one pr',
      'removeUser.ts:8 receipts.map(...) is one element of a Pr',
      'removeUser.ts:19 event.receipts.map(...) is one element o',
      'sendAll.ts:5 await on forEach(async ...) waits for no',
    ]);
  });

  it.each([
    ['const callFn = async () => { await fn(); };\n    callFn();', true],
    ['async function poll() { await fn(); }\npoll();', true],
    // Awaited, or only declared: nothing for the gate to open the module for.
    ['const callFn = async () => { await fn(); };\n    await callFn();', false],
    ['const callFn = async () => { await fn(); };\nexport { callFn };', false],
  ])('opens a helper module for a bare call of its own async function: %j -> %s', (source, expected) => {
    // Act
    const opened = bareLocalAsyncCall(source);

    // Assess
    expect(opened).toBe(expected);
  });
});
