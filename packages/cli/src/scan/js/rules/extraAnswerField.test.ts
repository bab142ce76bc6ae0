// Which fallback values are one flag or count of the function's answer (setsScalar, onlyAnswerExtra).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { onlyAnswerExtra, setsScalar } from './extraAnswerField.js';

/** Is `flag`, set by the first try of `body` (an async function's), only an extra field of its answer? */
function extra(body: string): boolean {
  const source = `async function f(id) { ${body} }`;
  const ctx = contextOf(source);
  const handler = ctx.of('CatchClause')[0];
  const tryStatement = handler === undefined ? undefined : ctx.parentOf(handler);
  const fn = tryStatement === undefined ? undefined : ctx.enclosingFunction(tryStatement);
  if (tryStatement === undefined || fn === undefined) throw new Error(`no try in ${body}`);
  const block = tryStatement.block as Node;
  return setsScalar(block, 'flag') && onlyAnswerExtra(ctx, fn.body as Node, 'flag', tryStatement.end, block);
}

const TRY = 'let flag = false; try { flag = !!(await db.find(id)); } catch (e) { log(e); }';

describe('onlyAnswerExtra', () => {
  it.each([
    `${TRY} const response = { user: { id, email, alias, flag }, token }; return respond(200, response);`,
    `${TRY} return respond(200, { id, email, alias, flag });`,
    `${TRY} return { statusCode: 200, body: JSON.stringify({ items, count, lastKey, flag }) };`,
    'let flag = 0; try { flag = (await db.count(id)).Count; } catch (e) { log(e); } return respond(200, { a, b, c, total: flag });',
    'let flag = false; try { flag = (await db.find(id)).length > 0; } catch (e) { log(e); } return { a, b, c, flag };',
  ])('an extra of the answer: %s', (body) => {
    expect(extra(body)).toBe(true);
  });

  it.each([
    // The substance of the answer, not an extra.
    `${TRY} return respond(200, { flag });`,
    // Written, tested, or handed to a call that is not the answer.
    `${TRY} await db.put({ id, email, alias, flag }); return respond(200, {});`,
    // Handed to a local helper that writes it: `saveUser` posts the record, fallback and all.
    `function saveUser(u) { return fetch('https://users.example/save', { method: 'POST', body: JSON.stringify(u) }); } ${TRY} return saveUser({ id, email, alias, flag });`,
    `${TRY} if (!flag) await welcome(id); return respond(200, { id, email, alias, flag });`,
    `${TRY} return await save({ id, email, alias, flag });`,
    `${TRY} return db.put({ id, email, alias, flag });`,
    `${TRY} const item = { id, email, alias, flag }; await db.put(item); return respond(200, item);`,
    `${TRY} const later = () => respond(200, { id, email, alias, flag }); return later();`,
    // Data, not a flag or a count.
    'let flag = []; try { flag = await db.list(id); } catch (e) { log(e); } return respond(200, { a, b, c, flag });',
    'let flag = false; try { flag = await db.find(id); } catch (e) { log(e); } return respond(200, { a, b, c, flag });',
  ])('not an extra: %s', (body) => {
    expect(extra(body)).toBe(false);
  });
});
