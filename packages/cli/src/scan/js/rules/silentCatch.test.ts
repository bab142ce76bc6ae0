// What a silent constant answer is told it costs: a fixed server error and any other constant answer are
// different failures for the reader of the finding (silentAnswerMessage).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { firstOfType } from '../testing/parsed.js';
import { silentAnswerMessage, silentConstantAnswer } from './silentCatch.js';

/** The catch clause of the first `try` in `source`. */
function firstCatch(source: string): Node {
  return firstOfType(source, 'CatchClause');
}

describe('silentAnswerMessage', () => {
  it.each([
    ['catch { return errorJson(500, "List failed"); }'],
    ['catch (error) { return json(503, { ok: false, message: "DB ping failed" }); }'],
    ['catch { return { statusCode: 500, body: "failed" }; }'],
  ])('names a fixed server error as one, not as a normal answer: %s', (handler) => {
    // Prepare
    const clause = firstCatch(`async function h() { try { await work(); } ${handler} }`);

    // Act
    const message = silentAnswerMessage(clause);

    // Assess
    expect(silentConstantAnswer(clause)).toBe(true);
    expect(message).toContain('fixed server error');
    expect(message).not.toContain('normal answer');
  });

  it('keeps "looks like a normal answer" for a constant result that is not an error', () => {
    // Prepare
    const clause = firstCatch(
      'async function h() { try { return await load(); } catch { return { items: [] }; } }',
    );

    // Act
    const message = silentAnswerMessage(clause);

    // Assess
    expect(silentConstantAnswer(clause)).toBe(true);
    expect(message).toContain('looks like a normal answer');
  });
});
