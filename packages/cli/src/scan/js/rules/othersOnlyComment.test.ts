// Which per-item catch comments only say the loop goes on with the other items (othersOnlyComment.ts).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { OTHERS_ONLY, othersOnlyWording } from './othersOnlyComment.js';

/** The wording othersOnlyWording sets aside for the module's first try. */
function wordingOf(source: string): RegExp | undefined {
  const ctx = contextOf(source, '/app/handler.ts');
  const tryStatement = ctx.parentOf(ctx.of('CatchClause')[0] as Node) as Node;
  return othersOnlyWording(ctx, tryStatement);
}

const LOOP = (comment: string) => `export const handler = async (event) => {
  for (const line of event.detail.lines) {
    try {
      await stock.decrement(line.sku);
    } catch (error) {
      console.error('stock update failed', error);
      ${comment}
    }
  }
};`;

describe('othersOnlyWording', () => {
  it('sets aside "continue with the other items even if one fails" in a loop over items', () => {
    // Act
    const wording = wordingOf(LOOP('// Continue with other items even if one fails'));

    // Assess
    expect(wording).toBe(OTHERS_ONLY);
  });

  it('sets nothing aside for a try that does not run once per item', () => {
    // Act
    const wording = wordingOf(`export const handler = async (event) => {
  try {
    await stock.decrement(event.detail.sku);
  } catch (error) {
    console.error('stock update failed', error);
    // Continue even if the update fails
  }
};`);

    // Assess
    expect(wording).toBeUndefined();
  });

  it('sets nothing aside for a catch whose comment is not about the others', () => {
    // Act
    const wording = wordingOf(LOOP('// Best effort: the nightly reconcile recomputes the stock'));

    // Assess
    expect(wording).toBeUndefined();
  });
});

describe('OTHERS_ONLY', () => {
  const left = (comment: string) => comment.replace(OTHERS_ONLY, ' ').replace(/\s+/g, ' ').trim();

  it('removes a "don\'t throw" whose only reason is the other items', () => {
    // Act
    const rest = left("// Don't throw here to continue processing other messages");

    // Assess
    expect(rest).toBe('//');
  });

  it('keeps a decision written after a dash', () => {
    // Act
    const rest = left("// Continue with other companies - don't fail the entire operation");

    // Assess
    expect(rest).toBe("// - don't fail the entire operation");
  });

  it('keeps "best effort" before the others clause', () => {
    // Act
    const rest = left('// Best effort, continue with the next line');

    // Assess
    expect(rest).toBe('// Best effort,');
  });
});
