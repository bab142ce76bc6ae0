// The breaker stage on its own: transitions reported to telemetry, `openUntil` for the gate, isolation
// and reset. Time is faked; attempts are plain promises.
import { TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeOptions } from '../options/normalizeOptions.js';
import { Telemetry } from '../telemetry/Telemetry.js';
import { BreakerStage } from './breaker.js';

const failing = () => Promise.reject(new TransientError('503', { status: 503 }));

function build(breaker: object = { kind: 'consecutive', threshold: 2, halfOpenAfterMs: 1_000 }) {
  const o = normalizeOptions('edna', { breaker } as never);
  const t = new Telemetry('edna', undefined);
  const events: string[] = [];
  t.onBreak((e) => events.push(`break:${e.state}`));
  t.onHalfOpen(() => events.push('half-open'));
  t.onReset(() => events.push('reset'));
  const stage = new BreakerStage('edna', o.breaker, () => true, t);
  return { stage, events };
}

describe('BreakerStage', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens after the threshold, sets openUntil to now + halfOpenAfterMs, and reports it', async () => {
    // Prepare
    const { stage, events } = build();
    // Act
    await stage.execute(failing).catch(() => undefined);
    expect(stage.openUntil).toBe(0);
    await stage.execute(failing).catch(() => undefined);
    // Assert
    expect(stage.openUntil).toBe(Date.now() + 1_000);
    expect(stage.state()).toBe('open');
    expect(events).toEqual(['break:open']);
  });

  it('half-opens after halfOpenAfterMs, admits halfOpenProbes probes, and closes on success', async () => {
    // Prepare
    const { stage, events } = build();
    await stage.execute(failing).catch(() => undefined);
    await stage.execute(failing).catch(() => undefined);
    vi.advanceTimersByTime(1_000);
    expect(stage.state()).toBe('half-open');
    // Act
    let release!: () => void;
    const probe = stage.execute(() => new Promise<void>((r) => (release = r)));
    // Assert
    expect(stage.probesExhausted()).toBe(true);
    release();
    await probe;
    expect(stage.state()).toBe('closed');
    expect(events).toEqual(['break:open', 'half-open', 'reset']);
  });

  it('isolate() holds it isolated until every handle is disposed, then resets', () => {
    // Prepare
    const { stage, events } = build();
    // Act
    const a = stage.isolate();
    const b = stage.isolate();
    a.dispose();
    a.dispose(); // twice is once
    // Assert
    expect(stage.state()).toBe('isolated');
    expect(stage.openUntil).toBe(Number.POSITIVE_INFINITY);
    b.dispose();
    expect(stage.state()).toBe('closed');
    expect(events).toEqual(['break:isolated', 'reset']);
  });

  it('isolates without a breaker configured (the gate still refuses)', () => {
    // Prepare
    const o = normalizeOptions('edna', { breaker: false } as never);
    const stage = new BreakerStage('edna', o.breaker, () => true, new Telemetry('edna', undefined));
    // Act
    const handle = stage.isolate();
    // Assert
    expect(stage.configured).toBe(false);
    expect(stage.state()).toBe('isolated');
    handle.dispose();
    expect(stage.state()).toBe('closed');
  });

  it('forceClosed() closes an open circuit, but not one isolated by hand', async () => {
    // Prepare
    const { stage } = build();
    await stage.execute(failing).catch(() => undefined);
    await stage.execute(failing).catch(() => undefined);
    // Act
    stage.forceClosed();
    // Assert
    expect(stage.state()).toBe('closed');
    stage.isolate();
    stage.forceClosed();
    expect(stage.state()).toBe('isolated');
  });

  it('failures the classifier says do not count never open it', async () => {
    // Prepare
    const o = normalizeOptions('edna', { breaker: { threshold: 1 } } as never);
    const stage = new BreakerStage('edna', o.breaker, () => false, new Telemetry('edna', undefined));
    // Act
    for (let i = 0; i < 5; i++) await stage.execute(failing).catch(() => undefined);
    // Assert
    expect(stage.state()).toBe('closed');
  });
});
