// testsFailure: which exit tests ask whether an answer failed (the walk exemption's polarity check).
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { testsFailure } from './retryResultLoops.js';

/** The parsed expression `source`. */
function expr(source: string): Node {
  const parsed = parseSync('m.js', `(${source});`, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  return ((parsed.program.body as unknown as Node[])[0] as Node).expression as Node;
}

describe('testsFailure', () => {
  it.each([
    ['!page.ok', true],
    ['!out.success', true],
    ['res.isError', true],
    ['res.error', true],
    ['page.ok', false],
    ['!res.isError', false],
    // A status test is neither polarity: a 429 branch may go round or leave.
    ['res.status === 429', false],
    ['!other.ok', false],
  ])('%s -> %s', (source, failed) => {
    expect(testsFailure(expr(source), new Set(['page', 'out', 'res']))).toBe(failed);
  });
});
