// The shutdown order on injected time: grace, drain of dependency calls, close hooks in reverse, exit code.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createService } from '../createService.js';

function setup(shutdown: { graceMs?: number; timeoutMs?: number } = {}) {
  const exit = vi.fn<(code: number) => void>();
  const lines: { level: string; message: string; extra: unknown }[] = [];
  const log =
    (level: string) =>
    (message: string, extra?: unknown): void => {
      lines.push({ level, message, extra });
    };
  const service = createService({
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    shutdown: { graceMs: 1_000, timeoutMs: 10_000, signals: [], exit, ...shutdown },
  });
  return { service, exit, lines };
}

describe('shutdown sequence', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is not ready from the start of the shutdown, runs close hooks in reverse after the grace period, exits 0', async () => {
    // Prepare
    const { service, exit } = setup();
    await service.start();
    const order: string[] = [];
    service.onClose('database', () => order.push('database'));
    service.onClose('consumer', async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push('consumer');
    });
    // Act
    void service.shutdown('test');
    const ready = await service.readiness();
    await vi.advanceTimersByTimeAsync(999);
    const hooksBeforeGraceEnds = [...order];
    await vi.advanceTimersByTimeAsync(200);
    // Assess
    expect(ready).toMatchObject({ status: 'fail', phase: 'shutting-down' });
    expect(hooksBeforeGraceEnds).toEqual([]);
    expect(order).toEqual(['consumer', 'database']);
    expect(exit).toHaveBeenCalledExactlyOnceWith(0);
    expect(service.phase).toBe('stopped');
  });

  it('waits for dependency calls in flight before the close hooks', async () => {
    // Prepare
    const { service, exit } = setup();
    let inFlight = 1;
    service.dependency({ name: 'payments', state: 'closed', stats: () => ({ inFlight }) });
    const closed = vi.fn();
    service.onClose('pool', closed);
    // Act
    void service.shutdown();
    await vi.advanceTimersByTimeAsync(3_000);
    const closedWhileBusy = closed.mock.calls.length;
    inFlight = 0;
    await vi.advanceTimersByTimeAsync(50);
    // Assess
    expect(closedWhileBusy).toBe(0);
    expect(closed).toHaveBeenCalledOnce();
    expect(exit).toHaveBeenCalledExactlyOnceWith(0);
  });

  it('past timeoutMs: exit 1 once, with a line naming the dependency still busy', async () => {
    // Prepare
    const { service, exit, lines } = setup({ timeoutMs: 5_000 });
    service.dependency({ name: 'payments', state: 'closed', stats: () => ({ inFlight: 2 }) });
    // Act
    void service.shutdown();
    await vi.advanceTimersByTimeAsync(4_999);
    const before = exit.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    // Assess
    expect(before).toBe(0);
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    const forced = lines.find((line) => line.level === 'error');
    expect(forced?.message).toBe(
      'shutdown forced by deadline of 5000 ms: still running: dependency payments: 2 calls in flight',
    );
    expect(forced?.extra).toMatchObject({ stage: 'drain' });
  });

  it('a close hook that hangs past the deadline is named', async () => {
    // Prepare
    const { service, exit, lines } = setup({ graceMs: 0, timeoutMs: 2_000 });
    service.onClose('kafka consumer', () => new Promise(() => {}));
    // Act
    void service.shutdown();
    await vi.advanceTimersByTimeAsync(2_000);
    // Assess
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    expect(lines.at(-1)?.message).toMatch(/still running: close hook kafka consumer$/);
  });

  it('a close hook that throws: the others still run, the error is serialized, exit 1', async () => {
    // Prepare
    const { service, exit, lines } = setup({ graceMs: 0 });
    const first = vi.fn();
    service.onClose('first', first);
    service.onClose('broken', () => {
      throw new Error('close failed for https://user:pw@db.internal/?token=abc');
    });
    // Act
    void service.shutdown();
    await vi.advanceTimersByTimeAsync(10);
    // Assess
    expect(first).toHaveBeenCalledOnce();
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    expect(JSON.stringify(lines)).not.toContain('token=abc');
    expect(JSON.stringify(lines)).not.toContain(':pw@');
    expect(lines.at(-1)?.message).toBe('shutdown finished with failed close hooks: broken');
  });

  it('a second shutdown() forces exit 1 at once', async () => {
    // Prepare
    const { service, exit, lines } = setup();
    // Act
    void service.shutdown('SIGTERM');
    void service.shutdown('SIGINT');
    await vi.advanceTimersByTimeAsync(20_000);
    // Assess
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    expect(lines.at(-1)?.message).toBe(
      'shutdown forced by second signal (SIGINT): still running: nothing tracked',
    );
  });
});
