// One "does no work" test for the infrastructure rules that spare a handler with nothing behind it
// (iac-no-reserved-concurrency, iac-missing-dlq): reading the event, returning, `Promise.resolve()` and
// logging are no work; a call inside `Promise.resolve(...)` is.
import { describe, expect, it } from 'vitest';
import { doesWork } from './handlerFacts.js';
import { firstOfType } from './testing/parsed.js';

/** doesWork of the one arrow function of `source`. */
function works(source: string): boolean {
  return doesWork(firstOfType(source, 'ArrowFunctionExpression'));
}

describe('doesWork', () => {
  it.each([
    ['a stub answering Promise.resolve()', 'export const handler = (): Promise<void> => Promise.resolve();'],
    [
      'void reads of each record, then Promise.resolve()',
      'export const handler = (event) => { for (const r of event.Records) { void r.s3.object.key; } return Promise.resolve(); };',
    ],
    ['a bare return', 'export const handler = async (event) => { return; };'],
    ['a log line', 'export const handler = async (event) => { console.log(JSON.stringify(event)); };'],
  ])('no work: %s', (_name, source) => {
    expect(works(source)).toBe(false);
  });

  it.each([
    ['Promise.resolve of a call', 'export const handler = (event) => Promise.resolve(save(event));'],
    ['a call in a block', 'export const handler = async (event) => { await save(event); };'],
  ])('work: %s', (_name, source) => {
    expect(works(source)).toBe(true);
  });
});
