// Shadow mode: the breaker computes and reports every transition but never refuses a call; a retry is not
// stopped by a shadow-open circuit; isolate() still refuses. Time is faked.
import { TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeOptions } from '../options/normalizeOptions.js';
import { wrapDependency } from '../wrapDependency.js';

const failing = () => Promise.reject(new TransientError('503', { status: 503 }));

describe('breaker.shadow', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is off by default and must be a boolean', () => {
    expect(normalizeOptions('edna', {}).breaker?.shadow).toBe(false);
    expect(() => normalizeOptions('edna', { breaker: { shadow: 'yes' as never } })).toThrow(
      /breaker\.shadow must be a boolean, got "yes"/,
    );
  });

  it('reports open, half-open and closed, and every call still reaches the dependency', async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 1 },
      breaker: { threshold: 2, halfOpenAfterMs: 1_000, shadow: true },
    });
    const events: string[] = [];
    dep.onBreak((e) => events.push(`break:${e.state}:${e.shadow}`));
    dep.onHalfOpen(() => events.push('half-open'));
    dep.onReset(() => events.push('reset'));
    const fn = vi.fn(failing);
    // Act
    for (let i = 0; i < 5; i++) await dep.execute(fn).catch(() => undefined);
    const stateWhileOpen = dep.state;
    await vi.advanceTimersByTimeAsync(1_000);
    await dep.execute(async () => 'ok');
    // Assert
    expect(fn).toHaveBeenCalledTimes(5);
    expect(stateWhileOpen).toBe('open');
    expect(dep.stats().rejected).toBe(0);
    expect(events).toEqual(['break:open:true', 'half-open', 'reset']);
    expect(dep.state).toBe('closed');
  });

  it('a shadow-open circuit does not stop a retry', async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 3, backoff: { jitter: 'none', initialDelayMs: 10, maxDelayMs: 10 } },
      breaker: { threshold: 1, shadow: true },
    });
    let n = 0;
    // Act
    const result = dep.execute(async () => {
      if (++n < 3) throw new TransientError('503', { status: 503 });
      return 'ok';
    });
    await vi.advanceTimersByTimeAsync(100);
    // Assert
    await expect(result).resolves.toBe('ok');
    expect(n).toBe(3);
  });

  it('enforcing (the default) refuses where shadow mode lets calls through', async () => {
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 1 },
      breaker: { threshold: 1 },
    });
    await dep.execute(failing).catch(() => undefined);
    await expect(dep.execute(async () => 'ok')).rejects.toThrow('circuit open');
  });

  it('isolate() still refuses in shadow mode', async () => {
    const dep = wrapDependency('edna', { logger: false, breaker: { shadow: true } });
    const handle = dep.isolate();
    await expect(dep.execute(async () => 'ok')).rejects.toThrow('circuit isolated');
    handle.dispose();
    await expect(dep.execute(async () => 'ok')).resolves.toBe('ok');
  });
});
