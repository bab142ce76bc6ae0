// A flag a catch sets that nothing reads is no handling.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { deadStore } from './deadStores.js';

/** deadStore on the first statement of the first catch of `source`. */
function storeIn(source: string): boolean {
  const ctx = contextOf(source);
  const handler = ctx.of('CatchClause')[0];
  if (handler === undefined) throw new Error('no catch');
  return deadStore(ctx, ((handler.body as { body: unknown[] }).body[0] ?? {}) as never);
}

describe('deadStore', () => {
  it('takes a local flag set to a literal and read nowhere', () => {
    expect(
      storeIn(
        'async function f() { let failed = false; try { await put() } catch (e) { failed = true; return ok() } }',
      ),
    ).toBe(true);
  });

  it('takes the second declarator of a declaration', () => {
    expect(
      storeIn(
        'async function f() { let ok = true, failed = false; try { await put() } catch (e) { failed = true; return ok() } }',
      ),
    ).toBe(true);
  });

  it.each([
    [
      'of the module that a nested function declares again under the same name',
      'let failed = false; export const health = () => failed; export async function f() { const g = () => { let failed; }; try { await put() } catch (e) { failed = true; return ok(g) } }',
    ],
    [
      'read after the try',
      'async function f() { let failed = false; try { await put() } catch (e) { failed = true } if (failed) retry() }',
    ],
    [
      'returned',
      'async function f() { let failed = false; try { await put() } catch (e) { failed = true } return failed }',
    ],
    [
      'compared',
      'async function f() { let failed = false; try { await put() } catch (e) { failed = true } log(failed === true) }',
    ],
    [
      'declared outside the function',
      'let failed = false; async function f() { try { await put() } catch (e) { failed = true; return ok() } }',
    ],
    [
      'set to a non-literal',
      'async function f() { let last; try { await put() } catch (e) { last = e; return ok() } }',
    ],
    ['no assignment', 'async function f() { try { await put() } catch (e) { log(e); return ok() } }'],
  ])('leaves a flag %s', (_, source) => {
    expect(storeIn(source)).toBe(false);
  });
});
