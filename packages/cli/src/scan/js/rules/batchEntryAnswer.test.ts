import { describe, expect, it } from 'vitest';
import { calleeName, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { entryAnswering } from './batchEntryAnswer.js';

/** The entry names answering with the `.promise()` call of `source`. */
const entries = (source: string): string[] => {
  const ctx = contextOf(source, 'm.js');
  const call = ctx.of('CallExpression').find((c) => calleeName(c) === 'promise') as Node;
  return entryAnswering(
    ctx,
    ctx.climb(call, (p) => p.type === 'AwaitExpression'),
  );
};

describe('entryAnswering', () => {
  it.each([
    [
      'exports.handler = async (event) => { const p = JSON.parse(event.Records[0].body); return lambda.invoke(p).promise(); };',
      ['handler'],
    ],
    [
      'exports.handler = async (event) => lambda.invoke(JSON.parse(event.Records[0].body)).promise();',
      ['handler'],
    ],
    [
      'exports.handler = async (event) => { return await lambda.invoke(event.params).promise(); };',
      ['handler'],
    ],
    // Kept, not answered: the handler's own answer is something else.
    [
      'exports.handler = async (event) => { const out = await lambda.invoke(event.params).promise(); return { ok: true }; };',
      [],
    ],
    // A helper's answer: its callers are judged instead.
    [
      'function send(p) { return lambda.invoke(p).promise(); }\nexports.handler = async (event) => { await send(event); };',
      [],
    ],
  ])('%s -> %j', (source, expected) => {
    // Act
    const names = entries(source);

    // Assess
    expect(names).toEqual(expected);
  });
});
