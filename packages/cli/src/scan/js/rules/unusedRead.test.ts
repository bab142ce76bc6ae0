// Which catches unusedRead excuses: a try that only reads into a name nothing uses afterwards (the failed
// read loses nothing), not a read whose answer a later step uses, nor a write whose answer is unused.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { unusedRead } from './unusedRead.js';

/** The first try statement of `source` and its module context. */
function tryOf(source: string) {
  const ctx = contextOf(source);
  return { ctx, tryStatement: ctx.parentOf(ctx.of('CatchClause')[0] as Node) as Node };
}

describe('unusedRead', () => {
  it.each([
    // Read, logged inside the try, never used again.
    [
      'let w = null; try { w = await getWallet(id); log.info("w", w); } catch (e) { log.error(e); } await save(id);',
    ],
    // A later block's own variable of the same name is another variable.
    [
      'let w; try { w = await fetchWallet(id); } catch (e) { log.error(e); } if (x) { let w = await fetchWallet(id); use(w); }',
    ],
  ])('excuses a read whose answer nothing uses: %s', (body) => {
    // Prepare
    const { ctx, tryStatement } = tryOf(`async function h(id, x) { ${body} }`);

    // Act
    const excused = unusedRead(ctx, tryStatement);

    // Assess
    expect(excused).toBe(true);
  });

  it.each([
    // The answer feeds a later write.
    ['let s; try { s = await getSeller(id); } catch (e) { log.error(e); } await save({ name: s?.name });'],
    // A write: its failure is the work lost, used or not.
    ['let r; try { r = await putRecord(id); } catch (e) { log.error(e); }'],
    // The try does more than read and log.
    ['let s; try { s = await getSeller(id); await notify(id); } catch (e) { log.error(e); }'],
    // Named by a read verb, but writes: a POST, an INSERT, a find-and-update, get-or-create.
    ["let r; try { r = await fetch(u, { method: 'POST', body }); } catch (e) { log.error(e); }"],
    ["let r; try { r = await pool.query('INSERT INTO t VALUES (1)'); } catch (e) { log.error(e); }"],
    ['let d; try { d = await M.findOneAndUpdate({ id }, { n: 1 }); } catch (e) { log.error(e); }'],
    ['let u; try { u = await getOrCreateUser(id); } catch (e) { log.error(e); }'],
    // A check whose throw is the only signal.
    ['let u; try { u = await findUserOrFail(id); } catch (e) { log.error(e); }'],
    // Not read verbs at all: the verb runs on into a longer word.
    ['let l; try { l = await listenFor(id); } catch (e) { log.error(e); }'],
  ])('does not excuse: %s', (body) => {
    // Prepare
    const { ctx, tryStatement } = tryOf(`async function h(id) { ${body} }`);

    // Act
    const excused = unusedRead(ctx, tryStatement);

    // Assess
    expect(excused).toBe(false);
  });

  it.each([
    // An outer function's variable filled by a closure and read after it.
    [
      'exports.handler = async (event) => { let seller; await Promise.all([(async () => { try { seller = await getRecord(T, { id }); } catch (err) { logger.error(err); } })()]); await putRecord(L, { payee: seller?.name ?? "" }); };',
    ],
    // A module-level variable filled in one function and read by another.
    [
      'let config; async function init() { try { config = await loadConfig(); } catch (e) { log.error(e); } } exports.handler = async () => { await init(); return config.table; };',
    ],
    // Exported: other modules may read it.
    [
      'export let config; export async function init() { try { config = await loadConfig(); } catch (e) { log.error(e); } }',
    ],
  ])('does not excuse a name read outside the function of the try: %s', (source) => {
    // Prepare
    const { ctx, tryStatement } = tryOf(source);

    // Act
    const excused = unusedRead(ctx, tryStatement);

    // Assess
    expect(excused).toBe(false);
  });

  it.each([
    ['let r; try { r = await fetch(u); } catch (e) { log.error(e); }'],
    ["let r; try { r = await fetch(u, { method: 'GET' }); } catch (e) { log.error(e); }"],
    ["let r; try { r = await pool.query('SELECT * FROM t'); } catch (e) { log.error(e); }"],
  ])('excuses a read spelled as one: %s', (body) => {
    // Prepare
    const { ctx, tryStatement } = tryOf(`async function h(id, u, pool) { ${body} }`);

    // Act
    const excused = unusedRead(ctx, tryStatement);

    // Assess
    expect(excused).toBe(true);
  });
});
