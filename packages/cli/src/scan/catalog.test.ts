// Each rule's texts have the shape the reports rely on: a short `why` for the reader of an alert, and the
// detail of what the rule reports apart, in `reported`.
import { describe, expect, it } from 'vitest';
import { RULES, ruleInfo, ruleTextProblems, WHY_MAX_CHARS } from './catalog.js';

describe('rule catalog texts', () => {
  it.each(RULES.map((r) => r.id))('gives %s a why of at most WHY_MAX_CHARS and a reported detail', (id) => {
    // Act
    const problems = ruleTextProblems(ruleInfo(id));

    // Assess
    expect(problems).toEqual([]);
  });

  it('rejects a why over WHY_MAX_CHARS, naming the rule and the field to move the detail to', () => {
    // Prepare
    const rule = { ...ruleInfo('http-no-timeout'), why: 'x'.repeat(WHY_MAX_CHARS + 1) };

    // Act
    const problems = ruleTextProblems(rule);

    // Assess
    expect(problems).toEqual([
      expect.stringMatching(/^http-no-timeout: why is 601 characters, over 600;.*`reported`/),
    ]);
  });

  it('rejects a rule with no why, no reported detail, or blank ones', () => {
    // Prepare
    const { why: _why, reported: _reported, ...rest } = ruleInfo('swallowed-error');

    // Act
    const missing = ruleTextProblems(rest);
    const blank = ruleTextProblems({ ...rest, why: ' ', reported: '' });

    // Assess
    expect(missing).toEqual(['swallowed-error: no why', 'swallowed-error: no reported']);
    expect(blank).toEqual(['swallowed-error: no why', 'swallowed-error: no reported']);
  });
});
