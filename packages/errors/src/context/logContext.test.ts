import { describe, expect, it } from 'vitest';
import { currentLogContext, enterLogContext, runWithLogContext } from './logContext.js';

describe('log context', () => {
  it('is an empty, frozen object outside any unit of work', () => {
    // Act
    const keys = currentLogContext();
    // Assess
    expect(keys).toEqual({});
    expect(Object.isFrozen(keys)).toBe(true);
  });

  it('carries the keys through awaited work, and ends with the function', async () => {
    // Act
    const seen = await runWithLogContext({ correlation_id: 'm-1' }, async () => {
      await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
      return currentLogContext();
    });
    // Assess
    expect(seen).toEqual({ correlation_id: 'm-1' });
    expect(currentLogContext()).toEqual({});
  });

  it('adds inner keys to the outer ones; an inner key wins', () => {
    // Act
    const seen = runWithLogContext({ correlation_id: 'outer', messageId: 'm-1' }, () =>
      runWithLogContext({ correlation_id: 'inner' }, () => currentLogContext()),
    );
    // Assess
    expect(seen).toEqual({ correlation_id: 'inner', messageId: 'm-1' });
  });

  it('copies the keys: a caller changing its object later does not change the context', () => {
    // Prepare
    const keys: Record<string, string> = { correlation_id: 'm-1' };
    // Act
    const seen = runWithLogContext(keys, () => {
      keys.correlation_id = 'changed';
      return currentLogContext();
    });
    // Assess
    expect(seen).toEqual({ correlation_id: 'm-1' });
  });

  it('enterLogContext adds keys for the rest of the execution, on top of the enclosing ones', async () => {
    // Act
    const seen = await runWithLogContext({ requestId: 'r-1' }, async () => {
      enterLogContext({ correlation_id: 'c-1' });
      await Promise.resolve();
      const first = currentLogContext();
      enterLogContext({ correlation_id: 'c-2' });
      return [first, currentLogContext()];
    });
    // Assess
    expect(seen).toEqual([
      { requestId: 'r-1', correlation_id: 'c-1' },
      { requestId: 'r-1', correlation_id: 'c-2' },
    ]);
  });

  it('enterLogContext outside any context starts one with a copy of the keys', async () => {
    // Prepare: a fresh asynchronous execution, so the test's own context is untouched
    const keys: Record<string, string> = { correlation_id: 'c-1' };
    // Act
    const seen = await new Promise<unknown>((resolve) => {
      setImmediate(() => {
        enterLogContext(keys);
        keys.correlation_id = 'changed';
        resolve(currentLogContext());
      });
    });
    // Assess
    expect(seen).toEqual({ correlation_id: 'c-1' });
  });
});
