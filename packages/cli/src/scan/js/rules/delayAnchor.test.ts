import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { delayAnchor } from './delayAnchor.js';
import { delaysIn } from './loopDelays.js';

/** The text `delayAnchor` points at for the first (outermost) `for`/`while` of `source`. */
function anchorText(source: string): string | undefined {
  const ctx = contextOf(source);
  const loops = [...ctx.of('ForStatement'), ...ctx.of('WhileStatement')].sort((a, b) => a.start - b.start);
  const loop = loops[0] as Node;
  const at = delayAnchor(ctx, loop, delaysIn(ctx, loop.body as Node));
  return at === undefined ? undefined : source.slice(at.start, at.end);
}

const sleep = 'const sleep = (ms) => new Promise((r) => setTimeout(r, ms));\n';

describe('delayAnchor', () => {
  it('points at the computation of a delay declared in the loop', () => {
    expect(
      anchorText(
        `${sleep}for (let a = 0; a < 3; a++) { try { return await go(); } catch { const wait = 100 * 2 ** a; await sleep(wait); } }`,
      ),
    ).toBe('100 * 2 ** a');
  });

  it("points at the wait's argument when the delay is written in the call or declared outside the loop", () => {
    expect(
      anchorText(`${sleep}while (true) { try { return await go(); } catch { await sleep(2 ** n * 50); } }`),
    ).toBe('2 ** n * 50');
    expect(
      anchorText(
        `${sleep}const base = 500;\nwhile (true) { try { return await go(); } catch { await sleep(base); } }`,
      ),
    ).toBe('base');
    expect(
      anchorText(
        'while (left.length) { left = await put(left); await new Promise((r) => setTimeout(r, 100 * n)); }',
      ),
    ).toBe('100 * n');
  });

  it('keeps the argument when a `let` delay is written again in the loop', () => {
    expect(
      anchorText(
        `${sleep}for (;;) { let wait = 100; if (slow) wait = 1000; try { return await go(); } catch { await sleep(wait); } }`,
      ),
    ).toBe('wait');
  });

  it('answers nothing for no delay, two delays, or a delay of an inner loop', () => {
    expect(anchorText('while (true) { try { return await go(); } catch {} }')).toBeUndefined();
    expect(
      anchorText(
        `${sleep}while (true) { try { return await go(); } catch (e) { if (e.slow) await sleep(900); else await sleep(100); } }`,
      ),
    ).toBeUndefined();
    expect(
      anchorText(
        `${sleep}for (let i = 0; i < keys.length; i++) { const k = keys[i]; while (!(await ready(k))) { await sleep(100); } }`,
      ),
    ).toBeUndefined();
  });
});
