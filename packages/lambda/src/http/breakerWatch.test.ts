// Which failures answer like the open breaker behind them, and for how long (see breakerWatch.ts).

import type { Classification } from '@bulwark/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchBreakers } from './breakerWatch.js';
import type { HttpBreakerDependency } from './HttpHandlerOptions.js';

type Listener = (event: { readonly retryAfterMs: number }) => void;

/** A dependency shaped like wrapDependency's: a name, a state, and onBreak listeners it can fire. */
const dependency = (name: string, state: string) => {
  const listeners: Listener[] = [];
  const dep = {
    name,
    state,
    onBreak(listener: Listener) {
      listeners.push(listener);
    },
    fire: (event: unknown) => {
      for (const listener of listeners) listener(event as never);
    },
  };
  return dep;
};
const failure = (kind: string, reason: string, dependency?: string) =>
  ({ kind, reason, retryable: true, ...(dependency === undefined ? {} : { dependency }) }) as Classification;

afterEach(() => {
  vi.useRealTimers();
});

describe('watchBreakers', () => {
  it('finds nothing among no dependencies', () => {
    // Act + Assess
    expect(watchBreakers([])(failure('transient', 'server-error'))).toBeUndefined();
  });

  it.each([
    ['a transient failure', failure('transient', 'server-error')],
    ['a transient failure with reason circuit-open', failure('transient', 'circuit-open')],
    [
      'a dependency-down failure that is not the open circuit itself',
      failure('dependency-down', 'unavailable'),
    ],
    ['a failure naming that dependency', failure('transient', 'timeout', 'edna')],
  ])('finds the open breaker behind %s', (_label, c) => {
    // Act + Assess
    expect(watchBreakers([dependency('edna', 'open')])(c)).toEqual({
      dependency: 'edna',
      retryAfterMs: undefined,
    });
  });

  it.each([
    ['a permanent failure', failure('permanent', 'not-found')],
    ['an unknown failure', failure('unknown', 'unknown')],
    ['the refusal of the open circuit itself', failure('dependency-down', 'circuit-open')],
    ['a failure naming another dependency', failure('transient', 'timeout', 'other')],
  ])('finds nothing behind %s', (_label, c) => {
    // Act + Assess
    expect(watchBreakers([dependency('edna', 'open')])(c)).toBeUndefined();
  });

  it.each(['open', 'isolated', 'forced-open'])('counts %s as open, and skips a closed breaker', (state) => {
    // Prepare
    const watch = watchBreakers([dependency('closed-one', 'closed'), dependency('edna', state)]);
    // Act + Assess
    expect(watch(failure('transient', 'server-error'))?.dependency).toBe('edna');
    expect(watchBreakers([dependency('edna', 'half-open')])(failure('transient', 'timeout'))).toBeUndefined();
  });

  it('skips a dependency whose state getter throws', () => {
    // Prepare
    const broken = {
      name: 'broken',
      get state(): string {
        throw new Error('no state');
      },
    } as HttpBreakerDependency;
    const watch = watchBreakers([broken, dependency('edna', 'open')]);
    // Act + Assess
    expect(watch(failure('transient', 'timeout'))?.dependency).toBe('edna');
  });

  it('says how long the breaker stays open from its last onBreak event', () => {
    // Prepare
    vi.useFakeTimers();
    const edna = dependency('edna', 'open');
    const watch = watchBreakers([edna]);
    // Act
    edna.fire({ retryAfterMs: 30_000 });
    vi.advanceTimersByTime(10_000);
    // Assess
    expect(watch(failure('transient', 'timeout'))).toEqual({ dependency: 'edna', retryAfterMs: 20_000 });
  });

  it('takes an onBreak event without a payload (no duration known)', () => {
    // Prepare
    const edna = dependency('edna', 'open');
    const watch = watchBreakers([edna]);
    // Act
    edna.fire(undefined);
    // Assess
    expect(watch(failure('transient', 'timeout'))?.retryAfterMs).toBeNaN();
  });
});
