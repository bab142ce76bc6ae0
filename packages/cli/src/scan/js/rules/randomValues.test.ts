// mayCallRandom remembers its answer: asked of two modules in turn, each must still get its own.
import { describe, expect, it } from 'vitest';
import { mayCallRandom } from './randomValues.js';

describe('mayCallRandom', () => {
  it('answers each text on its own when two alternate (A, B, A)', () => {
    // Prepare
    const random = "import { v4 } from 'uuid';\nexport const newId = () => v4();";
    const plain = 'export const add = (a, b) => a + b;';

    // Act
    const answers = [random, plain, random, plain].map((t) => mayCallRandom(t));

    // Assess
    expect(answers).toEqual([true, false, true, false]);
  });
});
