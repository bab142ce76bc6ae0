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
  ])('does not excuse: %s', (body) => {
    // Prepare
    const { ctx, tryStatement } = tryOf(`async function h(id) { ${body} }`);

    // Act
    const excused = unusedRead(ctx, tryStatement);

    // Assess
    expect(excused).toBe(false);
  });
});
