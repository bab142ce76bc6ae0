// mayCallRandom remembers its answer per module: asked of two modules in turn, each must keep its own.
import { describe, expect, it } from 'vitest';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf as parsedContext } from '../testing/parsed.js';
import { mayCallRandom } from './randomValues.js';

function contextOf(source: string): ModuleContext {
  return parsedContext(source, 'm.js');
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
