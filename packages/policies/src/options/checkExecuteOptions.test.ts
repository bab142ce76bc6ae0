// execute()'s per-call options and fn: every refusal is a rejected promise (never a synchronous throw)
// with the exact message, before fn runs or anything is counted.

import { describe, expect, it } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';

const dep = () => wrapDependency('edna', { logger: false });

/** A fn that records whether it ran. */
function recordingFn() {
  const calls: unknown[] = [];
  return { calls, fn: () => calls.push('ran') };
}

describe('execute(fn, options): refused options', () => {
  it.each([
    [null, 'edna.execute: options must be an object, got null'],
    ['fast', 'edna.execute: options must be an object, got "fast"'],
    [() => undefined, 'edna.execute: options must be an object, got a function'],
    [[], 'edna.execute: options must be an object, got an empty array'],
    [
      { signl: undefined },
      'edna.execute: unknown option "signl"; did you mean "signal"? Valid: signal, fallback',
    ],
    [{ signal: { aborted: false } }, 'edna.execute: signal must be an AbortSignal, got an object'],
    [{ fallback: 'stale' }, 'edna.execute: fallback must be a function, got "stale"'],
  ])('%j is refused with a rejection', async (options, message) => {
    // Prepare
    const edna = dep();
    const { calls, fn } = recordingFn();
    // Act
    const pending = edna.execute(fn, options as never);
    // Assess
    await expect(pending).rejects.toThrow(new TypeError(message));
    expect(calls).toEqual([]);
    expect(edna.stats().calls).toBe(0);
  });

  it('a signal whose getter throws is refused, naming the field', async () => {
    // Prepare
    const edna = dep();
    const { calls, fn } = recordingFn();
    const options = Object.defineProperty({}, 'signal', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    // Act
    const pending = edna.execute(fn, options);
    // Assess
    await expect(pending).rejects.toThrow(
      new TypeError('edna.execute: signal could not be read (its getter threw)'),
    );
    expect(calls).toEqual([]);
  });
});

describe('execute(fn, options): accepted options', () => {
  it.each([
    ['empty', () => ({})],
    ['undefined fields', () => ({ signal: undefined, fallback: undefined })],
    [
      'a live signal and a fallback',
      () => ({ signal: new AbortController().signal, fallback: () => 'stale' }),
    ],
  ])('%s run the call', async (_, makeOptions) => {
    // Prepare
    const edna = dep();
    const options = makeOptions();
    const { calls, fn } = recordingFn();
    // Act
    await edna.execute(fn, options);
    // Assess
    expect(calls).toEqual(['ran']);
  });

  it("the call's own fallback answers its failure", async () => {
    // Prepare
    const edna = wrapDependency('edna', { logger: false, retry: false });
    // Act
    const value = await edna.execute(
      () => {
        throw new Error('down');
      },
      { fallback: () => 'stale' },
    );
    // Assess
    expect(value).toBe('stale');
  });
});

describe('execute(fn): fn must be a function', () => {
  it.each([
    [undefined, 'undefined'],
    ['fetchOrder', '"fetchOrder"'],
    [{ call: () => undefined }, 'an object'],
  ])('%j is refused with a rejection', async (fn, shown) => {
    // Prepare
    const edna = dep();
    // Act
    const pending = edna.execute(fn as never);
    // Assess
    await expect(pending).rejects.toThrow(new TypeError(`edna.execute: fn must be a function, got ${shown}`));
  });
});
