import { describe, expect, it } from 'vitest';
import { isFunction, type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { answersItemsFromArg, returnedAnswerImports } from './batchAnswerHelpers.js';

/** The module's first function, found in the context's own tree (its nodes are the ones the context knows). */
const firstFunction = (source: string, file = 'm.js') => {
  const ctx = contextOf(source, file);
  let fn: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (isFunction(n)) fn = n;
    return fn !== undefined;
  });
  return { ctx, fn: fn as Node };
};

describe('answersItemsFromArg', () => {
  it('is true for an answer built from the argument through a local', () => {
    const { ctx, fn } = firstFunction(
      'function answer(data) { const batchItemFailures = data.map((e) => ({ itemIdentifier: e.messageId })); return { batchItemFailures }; }',
    );
    expect(answersItemsFromArg(ctx, fn)).toBe(true);
  });

  it('is true for an arrow answering directly', () => {
    const { ctx, fn } = firstFunction(
      'const answer = (failed) => ({ batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) });',
    );
    expect(answersItemsFromArg(ctx, fn)).toBe(true);
  });

  it('is false for a constant answer whatever the argument', () => {
    const { ctx, fn } = firstFunction(
      'function answer(records) { console.log(records.length); return { batchItemFailures: [] }; }',
    );
    expect(answersItemsFromArg(ctx, fn)).toBe(false);
  });

  it('is false for an object without the field', () => {
    const { ctx, fn } = firstFunction('function summary(records) { return { failed: records.length }; }');
    expect(answersItemsFromArg(ctx, fn)).toBe(false);
  });
});

describe('returnedAnswerImports', () => {
  it('names a destructured require and a module object member', () => {
    const { ctx, fn } = firstFunction(
      "const { answer } = require('./shared/helper'); const helper = require('./shared/helper');\n" +
        'exports.handler = async (event) => { if (event.a) return answer(event.failed); return helper.other(event.failed); };',
    );
    expect(returnedAnswerImports(ctx, fn).map((r) => [r.source, r.name])).toEqual([
      ['./shared/helper', 'answer'],
      ['./shared/helper', 'other'],
    ]);
  });

  it('names an awaited ESM import but not a package call or a call without arguments', () => {
    const { ctx, fn } = firstFunction(
      "import { toAnswer, none } from '../lib/answers'; import { wrap } from 'some-package';\n" +
        'export const handler = async (event) => { if (event.x) return wrap(event); if (event.y) return none(); return await toAnswer(event.failed); };',
      'm.ts',
    );
    expect(returnedAnswerImports(ctx, fn).map((r) => r.name)).toEqual(['toAnswer']);
  });
});
