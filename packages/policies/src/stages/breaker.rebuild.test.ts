// A rebuilt breaker (the end of an isolation, an operator's force-close) starts clean: a call that entered
// the previous cockatiel breaker and fails after the rebuild reports nothing through it (its listeners are
// gone), so the new circuit stays closed and no stale "break" is emitted.
import { TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeOptions } from '../options/normalizeOptions.js';
import { Telemetry } from '../telemetry/Telemetry.js';
import { BreakerStage } from './breaker.js';

describe('BreakerStage rebuild', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a call in flight across the end of an isolation fails afterwards: the new circuit stays closed, no break', async () => {
    // Prepare
    const o = normalizeOptions('edna', { breaker: { threshold: 1, halfOpenAfterMs: 1_000 } } as never);
    const t = new Telemetry('edna', undefined);
    const events: string[] = [];
    t.onBreak((e) => events.push(`break ${e.state}`));
    t.onReset(() => events.push('reset'));
    const stage = new BreakerStage('edna', o.breaker, () => true, t);
    let fail!: (error: unknown) => void;
    const inFlight = stage
      .execute(
        () =>
          new Promise<never>((_resolve, reject) => {
            fail = reject;
          }),
      )
      .catch(() => undefined);
    // Act: an isolation begins and ends (the breaker is rebuilt), then the old call fails
    stage.isolate().dispose();
    fail(new TransientError('503', { status: 503 }));
    await inFlight;
    // Assess
    expect(events).toEqual(['break isolated', 'reset']);
    expect([stage.state(), stage.openUntil]).toEqual(['closed', 0]);
  });
});
