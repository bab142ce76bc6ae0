// "did you mean": which candidate a typo is closest to, at the bounds of each rule.
import { describe, expect, it } from 'vitest';
import { nearestName } from './nearestName.js';

describe('nearestName', () => {
  it.each([
    ['the same name in another case and separator', 'ATTEMPT_MS', ['retry', 'attemptMs'], 'attemptMs'],
    ['a separator slip', 'attempt-ms', ['attemptMs'], 'attemptMs'],
    ['two letters swapped (distance 2, the limit for 5 letters)', 'retyr', ['retry'], 'retry'],
    ['a tie: the first candidate wins', 'cat', ['bat', 'hat'], 'bat'],
    ['a 4-letter word inside a longer name', 'time', ['timeoutMilliseconds'], 'timeoutMilliseconds'],
    [
      'a 3-letter word inside a longer name is too short to guess from',
      'tim',
      ['timeoutMilliseconds'],
      undefined,
    ],
    [
      'a long shared stem, exactly three quarters of the shorter name',
      'abcdefgh',
      ['abcdefxyzw'],
      'abcdefxyzw',
    ],
    ['a stem just short of three quarters', 'abcdefgh', ['abcdexyzw'], undefined],
    ['distance 3 on a 6-letter name (the limit is 2)', 'abcxyz', ['abcdef'], undefined],
    ['distance 3 on a 9-letter name (the limit is 3)', 'abcdefxyz', ['abcdefghi'], 'abcdefghi'],
    ['nothing close', 'colour', ['retry', 'timeout'], undefined],
    ['no candidates', 'retry', [], undefined],
  ] as const)('%s', (_label, input, candidates, expected) => {
    // Act + Assess
    expect(nearestName(input, candidates)).toBe(expected);
  });

  it('never guesses for a name far longer than every candidate', () => {
    // Act + Assess
    expect(nearestName(`retry${'x'.repeat(70)}`, ['retry'])).toBe('retry'); // a prefix: a likely slip
    expect(nearestName('y'.repeat(70), ['retry'])).toBeUndefined();
  });
});
