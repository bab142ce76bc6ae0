// The one owner of counters and events: stats read from it, events reach listeners (and a throwing
// listener is contained), nothing is built when nobody listens.
import { describe, expect, it } from 'vitest';
import { Telemetry } from './Telemetry.js';

describe('Telemetry', () => {
  it('snapshot() reports every counter', () => {
    // Prepare
    const t = new Telemetry('edna', undefined);
    t.calls = 3;
    t.successes = 2;
    t.failures = 1;
    t.inFlight = 1;
    // Act
    const stats = t.snapshot('edna', 'closed', 7);
    // Assert
    expect(stats).toMatchObject({
      name: 'edna',
      state: 'closed',
      calls: 3,
      successes: 2,
      failures: 1,
      inFlight: 1,
    });
    expect(stats.budgetAvailable).toBe(7);
  });

  it('emitBreak reaches listeners; a throwing listener is reported, not thrown', () => {
    // Prepare
    const reported: string[] = [];
    const logger = { warn: (message: string) => reported.push(message), error: () => {} };
    const t = new Telemetry('edna', logger as never);
    const seen: string[] = [];
    t.onBreak(() => {
      throw new Error('listener bug');
    });
    t.onBreak((e) => seen.push(e.state));
    // Act
    t.emitBreak({ dependency: 'edna', state: 'open', retryAfterMs: 5_000 });
    // Assert
    expect(seen).toEqual(['open']);
    expect(reported).toEqual(['dependency event listener failed']);
  });

  it('a disposed listener hears nothing', () => {
    const t = new Telemetry('edna', undefined);
    const seen: string[] = [];
    const handle = t.onBreak((e) => seen.push(e.state));
    handle.dispose();
    t.emitBreak({ dependency: 'edna', state: 'open', retryAfterMs: 5_000 });
    expect(seen).toEqual([]);
  });

  it.each([
    'onRetry',
    'onGiveUp',
    'onBreak',
    'onHalfOpen',
    'onReset',
    'onTimeout',
    'onFallback',
    'onBudgetExhausted',
    'onCooldown',
    'onRateLimited',
  ] as const)('%s names itself when given a listener that is not a function', (event) => {
    // Prepare
    const t = new Telemetry('edna', undefined);
    // Act + Assess
    expect(() => t[event]('pager' as never)).toThrow(
      new TypeError(`edna.${event}: listener must be a function, got "pager"`),
    );
  });
});
