import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { deletedAfterTry } from './deletedAfterTry.js';

const GET = "const { Item } = await ddb.send(new GetCommand({ TableName: T, Key: { PK: 'JOB' } }));";
const WORK = 'try { await work(Item); } catch (e) { console.log(e); }';
const DELETE = "await ddb.send(new DeleteCommand({ TableName: T, Key: { PK: 'JOB' } }));";

/** deletedAfterTry's answer for each try statement of a handler with this body, in source order. */
function answers(body: string): boolean[] {
  const ctx = contextOf(`export const handler = async () => {\n${body}\n};`);
  const tries: Node[] = [];
  someDescendant(ctx.program, (n) => {
    if (n.type === 'TryStatement') tries.push(n);
    return false;
  });
  return tries.sort((a, b) => a.start - b.start).map((t) => deletedAfterTry(ctx, t));
}

describe('deletedAfterTry', () => {
  it('finds the marker read before the try deleted after it, from the block around the try or further out', () => {
    expect(answers(`${GET}\n${WORK}\n${DELETE}`)).toEqual([true]);
    expect(answers(`${GET}\nif (Item) { ${WORK} }\n${DELETE}`)).toEqual([true]);
    // A delete inside a later statement's own function declaration is walked as that statement.
    expect(answers(`${GET}\n${WORK}\nasync function clear() { ${DELETE} }\nawait clear();`)).toEqual([true]);
  });

  it('leaves a delete elsewhere: another key, before the try, another branch, a nested callback, a flag', () => {
    expect(
      answers(`${GET}\n${WORK}\nawait ddb.send(new DeleteCommand({ TableName: T, Key: { PK: 'OTHER' } }));`),
    ).toEqual([false]);
    expect(answers(`${GET}\n${DELETE}\n${WORK}`)).toEqual([false]);
    expect(answers(`${GET}\nif (Item) { ${WORK} } else { ${DELETE} }`)).toEqual([false]);
    expect(answers(`${GET}\n${WORK}\nsetTimeout(async () => { ${DELETE} });`)).toEqual([false]);
    expect(
      answers(
        `${GET}\nlet ok = false;\ntry { await work(Item); ok = true; } catch (e) { console.log(e); }\nif (ok) { ${DELETE} }`,
      ),
    ).toEqual([false]);
    // No read before the try: nothing the delete could take away from the next run.
    expect(answers(`${WORK}\n${DELETE}`)).toEqual([false]);
  });

  it('answers each of many tries in one handler on its own place', () => {
    const tries = Array.from(
      { length: 50 },
      (_, i) => `try { await work(${i}); } catch (e) { console.log(e); }`,
    );
    const got = answers(
      `${GET}\n${tries.slice(0, 25).join('\n')}\n${DELETE}\nif (x) { ${tries.slice(25).join('\n')} }`,
    );
    expect(got).toEqual([...Array(25).fill(true), ...Array(25).fill(false)]);
  });
});
