// mayCallRandom remembers its answer per module: asked of two modules in turn, each must keep its own.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { ModuleContext } from '../ModuleContext.js';
import { mayCallRandom } from './randomValues.js';

function contextOf(source: string): ModuleContext {
  const parsed = parseSync('m.js', source, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  return new ModuleContext('m.js', source, parsed.program as unknown as Node, parsed.comments);
}

describe('mayCallRandom', () => {
  it('answers each module on its own when two alternate (A, B, A)', () => {
    // Prepare
    const random = contextOf("import { v4 } from 'uuid';\nexport const newId = () => v4();");
    const plain = contextOf('export const add = (a, b) => a + b;');

    // Act
    const answers = [random, plain, random, plain].map((ctx) => mayCallRandom(ctx));

    // Assess
    expect(answers).toEqual([true, false, true, false]);
  });
});
