import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { growingBound } from './retryGrowingBound.js';
import { loopSite } from './retryLoops.js';

const loopOf = (body: string) => {
  const ctx = contextOf(`async function f(call, ms, max) { ${body} }`);
  const loop = ctx.of('ForStatement')[0] ?? ctx.of('WhileStatement')[0];
  if (loop === undefined) throw new Error('no loop');
  return { ctx, loop };
};

const retry = (inCatch: string) =>
  `for (;;) { try { return await call(); } catch (e) { if (!isThrottle(e)) throw e; ${inCatch} } }`;

describe('growingBound', () => {
  it('does not bound a delay declared afresh in each round', () => {
    // Prepare
    const { ctx, loop } = loopOf(
      'for (;;) { let wait = 100; try { return await call(); } catch (e) { if (wait > max) throw e; await sleep(wait); wait *= 2; } }',
    );

    // Act
    const bounded = growingBound(loop);

    // Assess
    expect(bounded).toBe(false);
    expect(loopSite(ctx, loop)?.unbounded).toBe('retry loop with no attempt limit');
  });

  it.each([
    ['a multiplied delay past a limit', 'if (ms > max) { throw e; } await sleep(ms); ms = ms * 2;'],
    ['a compound multiplication', 'if (ms >= max) throw e; await sleep(ms); ms *= factor;'],
    ['a limit on the left', 'if (max < ms) break; await sleep(ms); ms += 1000;'],
  ])('bounds %s', (_why, inCatch) => {
    // Prepare
    const { ctx, loop } = loopOf(retry(inCatch));

    // Act
    const bounded = growingBound(loop);

    // Assess
    expect(bounded).toBe(true);
    expect(loopSite(ctx, loop)?.unbounded).toBeUndefined();
  });

  it.each([
    [
      'a capped delay never passes its limit',
      'if (ms > max) throw e; await sleep(ms); ms = Math.min(ms * 2, max);',
    ],
    ['a delay that grows but is never compared', 'await sleep(ms); ms *= 2;'],
    ['a comparison that only logs', "if (ms > max) log('slow'); await sleep(ms); ms *= 2;"],
    ['a shrinking delay', 'if (ms > max) throw e; await sleep(ms); ms = ms / 2;'],
    [
      'a delay capped after it grows',
      'if (ms > max) throw e; await sleep(ms); ms *= 2; ms = Math.min(ms, max);',
    ],
    ['a delay reset on every round', 'if (ms > max) throw e; await sleep(ms); ms = 100; ms *= 2;'],
    ['a delay that also shrinks', 'if (ms > max) throw e; await sleep(ms); ms *= 2; ms--;'],
  ])('does not bound %s', (_why, inCatch) => {
    // Prepare
    const { ctx, loop } = loopOf(retry(inCatch));

    // Act
    const bounded = growingBound(loop);

    // Assess
    expect(bounded).toBe(false);
    expect(loopSite(ctx, loop)?.unbounded).toBe('retry loop with no attempt limit');
  });
});
