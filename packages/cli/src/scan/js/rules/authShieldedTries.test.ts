// What reachingBlock keeps of a try block: everything, unless a try directly inside it answers for its own
// block without throwing, whose block is then left out (its catch and finally stay).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { reachingBlock } from './authShieldedTries.js';

/** The source text of each statement reachingBlock keeps of the module's outermost try block. */
function kept(source: string): string[] {
  const ctx = contextOf(source);
  // The outer catch closes last in the source: its try is the one asked about.
  const outer = ctx.parentOf(ctx.of('CatchClause').at(-1) as Node) as Node;
  const block = reachingBlock(ctx, outer.block as Node);
  return ((block.body as Node[]) ?? []).map((s) => ctx.source.slice(s.start, s.end));
}

describe('reachingBlock', () => {
  it('leaves out an inner try whose catch answers and returns, keeping its catch body', () => {
    const src =
      'async function h() { try { try { await a(); } catch { return deny(); } b(); } catch { deny(); } }';
    expect(kept(src)).toEqual(['{ return deny(); }', 'b();']);
  });

  it('keeps an inner try whose catch throws on', () => {
    const src = 'async function h() { try { try { await a(); } catch (e) { throw e; } } catch { deny(); } }';
    expect(kept(src)).toEqual(['try { await a(); } catch (e) { throw e; }']);
  });

  it('keeps the finally of a shielding try', () => {
    const src =
      'async function h() { try { try { await a(); } catch { return; } finally { await c(); } } catch { deny(); } }';
    expect(kept(src)).toEqual(['{ return; }', '{ await c(); }']);
  });

  it('hands back the block itself when nothing in it shields', () => {
    const ctx = contextOf('async function h() { try { await a(); } catch { deny(); } }');
    const outer = ctx.parentOf(ctx.of('CatchClause')[0] as Node) as Node;
    expect(reachingBlock(ctx, outer.block as Node)).toBe(outer.block);
  });

  it('keeps an inner try whose catch falls through, or passes the failure on before returning', () => {
    const cases = [
      'catch (e) { console.warn(e); }',
      'catch { ok = false; }',
      'catch (e) { rethrow(e); return; }',
      'catch (e) { await Promise.reject(e); return; }',
      'catch (e) { if (e.code) return deny(); }',
    ];
    for (const c of cases) {
      const src = `function rethrow(e) { throw e; }
        async function h() { try { try { await a(); } ${c} if (!ok) throw new Error('no'); } catch { deny(); } }`;
      expect(kept(src)[0]).toBe(`try { await a(); } ${c}`);
    }
  });

  it('leaves out an inner try whose catch returns on both branches of an if', () => {
    const src =
      'async function h() { try { try { await a(); } catch (e) { if (e.x) { return 1; } else return 2; } b(); } catch { deny(); } }';
    expect(kept(src)).toHaveLength(2);
  });
});
