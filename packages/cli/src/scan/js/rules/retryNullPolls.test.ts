// Which functions answer the errors of their awaited work with null (answersNullOnError): the mark that
// turns a `while (x == null)` poll over them into a retry loop.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { answersNullOnError } from './retryNullPolls.js';

/** answersNullOnError of the function expression `fn`. */
function nullOnError(fn: string): boolean {
  const parsed = parseSync('m.ts', `const f = ${fn};`, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  const decl = ((parsed.program.body as unknown as Node[])[0] as Node).declarations[0] as Node;
  return answersNullOnError(decl.init as Node);
}

describe('answersNullOnError', () => {
  it('sees a catch returning null, undefined or nothing', () => {
    expect(nullOnError('async (id) => { try { return await get(id); } catch (e) { return null; } }')).toBe(
      true,
    );
    expect(nullOnError('async (id) => { try { return await get(id); } catch { return undefined; } }')).toBe(
      true,
    );
    expect(nullOnError('async (id) => { try { return await get(id); } catch (e) { log(e); } }')).toBe(true);
  });

  it('refuses a catch that rethrows, answers a value, or is followed by more work', () => {
    expect(
      nullOnError('async (id) => { try { return await get(id); } catch (e) { log(e); throw e; } }'),
    ).toBe(false);
    expect(nullOnError('async (id) => { try { return await get(id); } catch (e) { return []; } }')).toBe(
      false,
    );
    expect(
      nullOnError('async (id) => { try { await warm(id); } catch (e) { log(e); } return await get(id); }'),
    ).toBe(false);
  });

  it('refuses a try with no awaited work', () => {
    expect(nullOnError('async (s) => { try { return JSON.parse(s); } catch { return null; } }')).toBe(false);
  });
});
