// Whether a caller deletes the item when the function holding a catch answers nothing (deletedOnMissingAnswer).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { deletedOnMissingAnswer } from './deletedOnMissing.js';

const CHECK =
  'const exists = async (r) => { try { return (await readOne(r.id)).Item !== undefined } catch (e) { log(e) } };';

function deletes(caller: string): boolean {
  const source = `${CHECK}\nasync function run(items) { for (const r of items) { ${caller} } }`;
  const ctx = contextOf(source, 'm.js');
  return deletedOnMissingAnswer(ctx, ctx.of('CatchClause')[0] as Node);
}

describe('deletedOnMissingAnswer', () => {
  it.each([
    'if (!(await exists(r))) { await removeRequest(r); continue; }',
    'if (!await exists(r)) pending.push(deleteDelivery(r));',
    'if (await exists(r)) { await send(r) } else { await purgeQueueItem(r) }',
    'if (!(await exists(r))) { await ddb.send(new DeleteCommand({ Key: { id: r.id } })); continue; }',
    'const ok = await exists(r); if (!ok) { await removeDelivery(r); continue; }',
    'if (!(await exists(r)) || expired(r)) removeRequest(r);',
    '(await exists(r)) ? await send(r) : await removeRequest(r);',
  ])('deletes on the nothing answered: %s', (caller) => {
    expect(deletes(caller)).toBe(true);
  });

  it.each([
    'if (!(await exists(r))) continue;',
    'if (await exists(r)) { await removeRequest(r) }',
    'const ok = await exists(r); log(ok); await removeRequest(r);',
    'const seen = new Set(); if (!(await exists(r))) { seen.delete(r.id); continue; }',
    'const exists = (x) => x.ok; if (!exists(r)) { await removeRequest(r); }',
  ])('does not: %s', (caller) => {
    expect(deletes(caller)).toBe(false);
  });
});
