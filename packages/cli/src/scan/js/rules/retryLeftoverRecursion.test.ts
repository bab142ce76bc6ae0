// Which self-calls resend DynamoDB's leftovers (leftoverRecursionSites), and what each is found to lack.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { leftoverRecursionSites } from './retryLeftoverRecursion.js';

/** The rules each site reports, as `unbounded`/`noJitter` flags, in source order. */
function sitesOf(source: string) {
  return leftoverRecursionSites(contextOf(source)).map((s) => ({
    unbounded: s.unbounded !== undefined,
    noJitter: s.noJitter !== undefined,
  }));
}

describe('leftoverRecursionSites', () => {
  it('finds an uncounted, unwaited resend of the leftovers to the same function', () => {
    expect(
      sitesOf(`const w = async (items) => {
        const out = await db.send(new BatchWriteItemCommand({ RequestItems: items }));
        if (out.UnprocessedItems && Object.keys(out.UnprocessedItems).length > 0) await w(out.UnprocessedItems);
      };`),
    ).toEqual([{ unbounded: true, noJitter: true }]);
  });

  it('follows a name built from the leftovers, and a private method calling itself', () => {
    expect(
      sitesOf(`class S { async #f(p) {
        const out = await c.send(new BatchWriteCommand({ RequestItems: p }));
        const left = out.UnprocessedItems?.[this.t] ?? [];
        if (left.length > 0) await this.#f({ [this.t]: left });
      } }`),
    ).toEqual([{ unbounded: true, noJitter: true }]);
  });

  it('keeps only what is missing: a counter bounds it, a plain exponential wait is still unjittered', () => {
    expect(
      sitesOf(`async function w(items, attempt = 0) {
        const out = await db.send(new BatchGetItemCommand({ RequestItems: items }));
        if (out.UnprocessedKeys && attempt < 5) { await sleep(2 ** attempt * 50); return w(out.UnprocessedKeys, attempt + 1); }
      }`),
    ).toEqual([{ unbounded: false, noJitter: true }]);
  });

  it('follows a bare name built from the leftovers', () => {
    expect(
      sitesOf(`async function w(items) {
        const out = await db.send(new BatchWriteItemCommand({ RequestItems: items }));
        const left = out.UnprocessedItems;
        if (left && Object.keys(left).length > 0) await w(left);
      }`),
    ).toEqual([{ unbounded: true, noJitter: true }]);
  });

  it('judges the counter and the wait of a bare-name resend each on its own', () => {
    const writer = (guard: string, wait: string) => `async function w(items, retryCount) {
        const out = await db.send(new BatchWriteItemCommand({ RequestItems: items }));
        const left = out.UnprocessedItems?.t ?? [];
        if (left.length > 0${guard}) { await sleep(${wait}); return w(left, retryCount + 1); }
      }`;
    expect(sitesOf(writer(' && retryCount < 6', 'Math.random() * 100'))).toEqual([]);
    expect(sitesOf(writer('', 'Math.random() * 100'))).toEqual([{ unbounded: true, noJitter: false }]);
    expect(sitesOf(writer(' && retryCount < 6', '100'))).toEqual([{ unbounded: false, noJitter: true }]);
  });

  it('takes a bound only from a counter the self-call advances and the function checks', () => {
    const unbounded = [{ unbounded: true, noJitter: true }];
    // A negated call, a word inside a name, a literal argument, a count of the leftovers: none limits the rounds.
    expect(
      sitesOf(`async function w(items) {
        const out = await db.send(new BatchWriteItemCommand({ RequestItems: items }));
        if (!isEmpty(out.UnprocessedItems)) await w(out.UnprocessedItems);
      }`),
    ).toEqual(unbounded);
    expect(
      sitesOf(`async function writeAccounts(accountItems) {
        const out = await db.send(new BatchWriteItemCommand({ RequestItems: accountItems }));
        if (out.UnprocessedItems) await writeAccounts(out.UnprocessedItems);
      }`),
    ).toEqual(unbounded);
    expect(
      sitesOf(`async function w(items, table) {
        const out = await db.send(new BatchWriteItemCommand({ RequestItems: items }));
        if (out.UnprocessedItems) await w(out.UnprocessedItems, 'users');
      }`),
    ).toEqual(unbounded);
    expect(
      sitesOf(`async function w(items) {
        const out = await db.send(new BatchWriteItemCommand({ RequestItems: items }));
        const unprocessedCount = Object.keys(out.UnprocessedItems ?? {}).length;
        if (unprocessedCount > 0) await w(out.UnprocessedItems);
      }`),
    ).toEqual(unbounded);
    // Advanced but never checked: the counter counts without limiting.
    expect(
      sitesOf(`async function w(items, attempt = 0) {
        const out = await db.send(new BatchWriteItemCommand({ RequestItems: items }));
        if (out.UnprocessedItems) { log(attempt); await w(out.UnprocessedItems, attempt + 1); }
      }`),
    ).toEqual(unbounded);
  });

  it('suppresses a length guard only when it requires a non-zero length', () => {
    const writer = (test: string) => `async function w(items) {
        const out = await db.send(new BatchWriteItemCommand({ RequestItems: items }));
        if (${test}) await w(out.UnprocessedItems);
      }`;
    expect(sitesOf(writer('out.UnprocessedItems.length > 0'))).toEqual([]);
    expect(sitesOf(writer('out.UnprocessedItems && out.UnprocessedItems?.length'))).toEqual([]);
    const unbounded = [{ unbounded: true, noJitter: true }];
    expect(sitesOf(writer('out.UnprocessedItems.length !== 0'))).toEqual(unbounded);
    expect(sitesOf(writer('out.UnprocessedItems.length != 0'))).toEqual(unbounded);
    expect(sitesOf(writer('!out.UnprocessedItems?.length'))).toEqual(unbounded);
    expect(sitesOf(writer('done || out.UnprocessedItems.length'))).toEqual(unbounded);
  });

  it('is silent under a guard that never holds, or for the next page', () => {
    expect(
      sitesOf(`async function w(items, retryCount = 0) {
        const out = await db.send(new BatchWriteItemCommand({ RequestItems: items }));
        if (out.UnprocessedItems && out.UnprocessedItems.length) { await sleep(2 ** retryCount); return w(out.UnprocessedItems, retryCount + 1); }
      }`),
    ).toEqual([]);
    expect(
      sitesOf(`async function q(key) {
        const out = await db.send(new QueryCommand({ ExclusiveStartKey: key }));
        return out.LastEvaluatedKey ? q(out.LastEvaluatedKey) : [];
      }`),
    ).toEqual([]);
  });

  it('leaves a self-call in a catch to the catch recursion', () => {
    expect(
      sitesOf(`async function w(items) {
        try { const out = await db.send(new BatchWriteItemCommand({ RequestItems: items })); }
        catch (e) { await w(e.UnprocessedItems); }
      }`),
    ).toEqual([]);
  });
});
