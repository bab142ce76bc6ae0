// The ruler both scan:eval and scan:agreement measure with: a wrong match here moves every figure reported.
import { describe, expect, it } from 'vitest';
import type { Label } from './labelFile.js';
import { matchPlaces, trapAt } from './matching.js';

const label = (kind: '+' | '-', file: string, line: number, rule = 'swallowed-error'): Label => ({
  kind,
  file,
  line,
  rule,
  why: `${kind}${file}:${line}`,
});
const place = (file: string, line: number, rule = 'swallowed-error') => ({ file, line, rule });

describe('matchPlaces', () => {
  it('matches within the slack and not one line past it', () => {
    // Prepare
    const labels = [label('+', 'a.ts', 10)];

    // Act
    const inside = matchPlaces([place('a.ts', 12)], labels, 2);
    const outside = matchPlaces([place('a.ts', 13)], labels, 2);

    // Assess
    expect(inside.matched.size).toBe(1);
    expect(inside.unmatchedPositives).toEqual([]);
    expect(outside.matched.size).toBe(0);
    expect(outside.unmatchedPlaces).toEqual([place('a.ts', 13)]);
    expect(outside.unmatchedPositives).toEqual(labels);
  });

  it('uses each label once: two findings on one label are one tp and one fp', () => {
    // Prepare
    const labels = [label('+', 'a.ts', 10)];

    // Act
    const m = matchPlaces([place('a.ts', 10), place('a.ts', 11)], labels, 2);

    // Assess
    expect(m.matched.size).toBe(1);
    expect(m.unmatchedPlaces).toEqual([place('a.ts', 11)]);
  });

  it('needs the same rule and the same file', () => {
    // Prepare
    const labels = [label('+', 'a.ts', 10, 'http-no-timeout')];

    // Act
    const m = matchPlaces([place('a.ts', 10, 'no-retry'), place('b.ts', 10, 'http-no-timeout')], labels, 2);

    // Assess
    expect(m.matched.size).toBe(0);
    expect(m.unmatchedPlaces).toHaveLength(2);
  });

  it('never matches a trap, and trapAt names it', () => {
    // Prepare
    const labels = [label('-', 'a.ts', 10)];

    // Act
    const m = matchPlaces([place('a.ts', 10)], labels, 2);

    // Assess
    expect(m.matched.size).toBe(0);
    expect(m.unmatchedPositives).toEqual([]);
    expect(trapAt(labels, place('a.ts', 11), 2)?.why).toBe('-a.ts:10');
    expect(trapAt(labels, place('a.ts', 13), 2)).toBeUndefined();
  });
});
