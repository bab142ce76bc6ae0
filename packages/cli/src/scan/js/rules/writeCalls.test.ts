// Which rows writeCallRow reads as handed to a write: an awaited `create<Noun>`/`save<Noun>`/... call's own argument.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { writeCallRow } from './writeCalls.js';

/** Does the object literal holding the property `marker` count as a row handed to a write? */
function written(body: string, marker = 'rowId'): boolean {
  const ctx = contextOf(`async function f(m) {\n${body}\n}`, 'm.ts');
  const prop = ctx.of('Property').find((p) => (p.key as Node).name === marker);
  const object = prop !== undefined ? ctx.parentOf(prop) : undefined;
  return writeCallRow(ctx, object, object !== undefined ? ctx.parentOf(object) : undefined, marker);
}

describe('writeCallRow', () => {
  it.each([
    'await createNotification({ rowId: uuid(), userId: m.userId });',
    'await client.createNotification({ rowId: uuid() });',
    "await createRecord('t', { rowId: uuid() });",
    'await repo.insertOrder({ rowId: uuid() });',
    'await storeEvent({ rowId: uuid() }).then(() => 1);',
    'const row = { rowId: uuid() };\nawait createRecord(TABLE, row);',
    'const row = { rowId: uuid() };\nawait saveContact(row);',
    'const row = { rowId: uuid() };\nawait putItem({ pk: 1, ...row });',
  ])('reads %s as a written row', (body) => {
    expect(written(body)).toBe(true);
  });

  it.each([
    // A builder, named for what it builds: a client, a logger, a stream, a token, an auth strategy.
    'await createClient({ rowId: uuid() });',
    'await createS3Client({ rowId: uuid() });',
    'await createLogContext({ rowId: uuid() });',
    'await createAppAuth({ rowId: uuid() });',
    // This attempt's failure, recorded once per failed attempt by design.
    'try { await run(m); } catch (err) { await createAlert({ rowId: uuid(), err }); }',
    'const onFail = async (id, error) => { await insertDrop({ rowId: uuid(), text: String(error) }); };',
    // Not awaited: synchronous in-memory builders.
    'const s = createNotification({ rowId: uuid() });',
    'const row = { rowId: uuid() };\nreturn createRetryState(row);',
    // A later key overrides the spread row's: the written id is existingId (review randomid 5).
    'const row = { rowId: uuid(), n: m.n };\nawait putItem({ ...row, rowId: m.existingId });',
    // No write verb, or the object is nested in the options, not the argument itself.
    'await notifyUser({ rowId: uuid() });',
    'await createNotification({ meta: { rowId: uuid() } });',
    // A const never handed to the write.
    'const row = { rowId: uuid() };\nawait createRecord(TABLE, { other: 1 });\nconsole.log(row);',
  ])('leaves %s alone', (body) => {
    expect(written(body)).toBe(false);
  });
});
