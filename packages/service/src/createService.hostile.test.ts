// What users will hand the service by mistake or by malice: dependencies whose getters throw, loggers that
// throw, checks that throw strings with secrets, unreadable configuration sources. Nothing may crash a probe,
// a scrape or a shutdown, hang, or leak.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { loadConfig } from './config/loadConfig.js';
import { createService } from './createService.js';

const quiet = { info() {}, warn() {}, error() {} };
const broken = (name: string) => ({
  name,
  get state(): string {
    throw new Error('state exploded');
  },
  stats(): { inFlight: number } {
    throw new Error('stats exploded');
  },
});

describe('hostile inputs to @bulwark/service', () => {
  it('a dependency whose state and stats() throw reads as unknown: critical -> 503, optional -> degraded', async () => {
    // Prepare
    const critical = createService({ logger: quiet, shutdown: { signals: [] } });
    critical.dependency(broken('payments'));
    const optional = createService({ logger: quiet, shutdown: { signals: [] } });
    optional.dependency(broken('search'), { critical: false });
    await critical.start();
    await optional.start();
    // Act
    const failing = await critical.probe('GET', '/health/ready');
    const degraded = await optional.probe('GET', '/health/ready');
    const metrics = await critical.probe('GET', '/metrics');
    // Assess
    expect(failing?.status).toBe(503);
    expect(JSON.parse(failing?.body ?? '').dependencies).toEqual([
      { name: 'payments', critical: true, state: 'unknown', inFlight: 0 },
    ]);
    expect(degraded?.status).toBe(200);
    expect(JSON.parse(degraded?.body ?? '').status).toBe('degraded');
    expect(metrics?.status).toBe(200);
    expect(metrics?.body).toContain('bulwark_dependency_in_flight{dependency="payments"} 0');
  });

  it('shuts down and exits 0 with a broken dependency and a logger that throws', async () => {
    // Prepare
    vi.useFakeTimers();
    const exit = vi.fn();
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const thrower = () => {
      throw new Error('log sink down');
    };
    const service = createService({
      logger: { info: thrower, warn: thrower, error: thrower },
      shutdown: { graceMs: 10, timeoutMs: 1_000, signals: [], exit },
    });
    service.dependency(broken('payments'));
    // Act
    void service.shutdown();
    await vi.advanceTimersByTimeAsync(100);
    vi.useRealTimers();
    stderr.mockRestore();
    // Assess
    expect(exit).toHaveBeenCalledExactlyOnceWith(0);
  });

  it.each([
    ['an empty name', ''],
    ['a name of 201 characters', 'x'.repeat(201)],
  ])('refuses a dependency with %s', (_case, name) => {
    // Prepare
    const service = createService({ logger: quiet, shutdown: { signals: [] } });
    // Act
    const register = () => service.dependency({ name, state: 'closed', stats: () => ({ inFlight: 0 }) });
    // Assess
    expect(register).toThrow(/a name of 1 to 200 characters/);
  });

  it.each(['/health/ready\n', '/health/ready%00', '//health/ready', '/HEALTH/READY'])(
    'leaves %j to the app',
    async (path) => {
      // Act
      const answer = await createService({ logger: quiet, shutdown: { signals: [] } }).probe('GET', path);
      // Assess
      expect(answer).toBeUndefined();
    },
  );

  it('a check that throws a string or a hostile thenable fails with a type name, never the text', async () => {
    // Prepare
    const service = createService({ logger: quiet, shutdown: { signals: [] } });
    service.check('vault', () => {
      throw 'token=s3cr3t-from-vault';
    });
    service.check('thenable', () => ({
      // biome-ignore lint/suspicious/noThenProperty: the hostile case is a thenable whose then getter throws
      get then(): never {
        throw new Error('then exploded: password=hunter2');
      },
    }));
    await service.start();
    // Act
    const answer = await service.probe('GET', '/health/ready');
    // Assess
    expect(answer?.status).toBe(503);
    expect(JSON.parse(answer?.body ?? '').checks).toEqual([
      { name: 'vault', critical: true, ok: false, error: 'string' },
      { name: 'thenable', critical: true, ok: false, error: 'Error' },
    ]);
    expect(answer?.body).not.toMatch(/s3cr3t|hunter2/);
  });

  it('a configuration source that throws when read is a TypeError, not an escape', async () => {
    // Prepare
    const source = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys for you');
        },
      },
    );
    // Act
    const load = loadConfig(z.object({ PORT: z.string() }), { source });
    // Assess
    await expect(load).rejects.toThrow(/loadConfig: source could not be read/);
  });
});
