import { describe, expect, it } from 'vitest';
import { walkChain } from './walkChain.js';

describe('walkChain', () => {
  it('lists the error, then its causes, outermost first', () => {
    // Prepare
    const inner = new Error('inner');
    const middle = new Error('middle', { cause: inner });
    const outer = new Error('outer', { cause: middle });
    // Act + Assess
    expect(walkChain(outer)).toEqual([outer, middle, inner]);
  });

  it('stops at the depth bound', () => {
    // Prepare: a chain 20 deep
    let error: unknown = new Error('bottom');
    for (let i = 0; i < 20; i++) error = new Error(`level ${i}`, { cause: error });
    // Act + Assess: depth 0..3
    expect(walkChain(error, 3)).toHaveLength(4);
    expect(walkChain(error)).toHaveLength(9);
  });

  it('survives a cycle', () => {
    // Prepare
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    // Act + Assess
    expect(walkChain(a)).toEqual([a, b]);
  });

  it("walks an AggregateError's errors and caps how many links it keeps", () => {
    // Prepare
    const many = new AggregateError(
      Array.from({ length: 1_000 }, (_, i) => new Error(String(i))),
      'many',
    );
    // Act
    const links = walkChain(many);
    // Assess
    expect(links[0]).toBe(many);
    expect(links.length).toBeLessThanOrEqual(64);
    expect(links.length).toBeGreaterThan(10);
  });

  it('follows an aborted AbortSignal to its reason', () => {
    // Prepare
    const signal = AbortSignal.abort(new Error('why'));
    // Act + Assess
    expect(walkChain(signal)[1]).toBe(signal.reason);
  });
});
