import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { isRetryLoop, walksCollection } from './retryLoop.js';

/** The first statement of the function body `source` is parsed into. */
function loopOf(source: string): Node {
  const program = parseSync('l.ts', `async function f() { ${source} }`).program as unknown as Node;
  const fn = (program.body as Node[])[0] as Node;
  return ((fn.body as Node).body as Node[])[0] as Node;
}

describe('walksCollection', () => {
  it('is true of a for loop whose index steps through a collection', () => {
    expect(walksCollection(loopOf('for (let i = 0; i < devices.length; i += 20) await sleep(250);'))).toBe(
      true,
    );
    expect(walksCollection(loopOf('for (let i = 0; i <= ids.size; i++) await send(i);'))).toBe(true);
  });

  it('is false of a loop counting attempts, even when its test also reads a length', () => {
    expect(
      walksCollection(
        loopOf('for (let attempt = 0; attempt < 3 && pending.length > 0; attempt++) await sleep(1000);'),
      ),
    ).toBe(false);
    expect(walksCollection(loopOf('for (let i = 0; i < MAX; i++) await sleep(1000);'))).toBe(false);
    expect(walksCollection(loopOf('while (i < items.length) { i++; await sleep(1000); }'))).toBe(false);
  });
});

describe('isRetryLoop', () => {
  it('counts a catch that goes round for one error class and rethrows the rest', () => {
    expect(
      isRetryLoop(
        loopOf(
          'for (let i = 0; i < n; i++) { try { return await fn(); } catch (e) { if (e instanceof RateLimited) { await sleep(60 * i); continue; } throw e; } }',
        ),
      ),
    ).toBe(true);
  });

  it('does not count a catch that rethrows, even when a loop or function inside it continues', () => {
    expect(
      isRetryLoop(
        loopOf('while (true) { try { return await fn(); } catch (e) { await sleep(100); throw e; } }'),
      ),
    ).toBe(false);
    expect(
      isRetryLoop(
        loopOf(
          'while (true) { try { return await fn(); } catch (e) { for (const h of hooks) { if (!h) continue; h(e); } throw e; } }',
        ),
      ),
    ).toBe(false);
    expect(
      isRetryLoop(
        loopOf(
          'while (true) { try { return await fn(); } catch (e) { const f = () => { for (;;) continue; }; throw e; } }',
        ),
      ),
    ).toBe(false);
  });
});
