// Item 7: a pending call keeps the process alive until its timeout fires (no exit 13 on a top-level
// await, the catch and the fallback run); idle handles (budget window, breaker, a finished call, a body
// read to its end) never hold the process open.
import { startFaultServer } from '@bulwark/testing';
import { describe, expect, it } from 'vitest';
import { runModule } from './childProcess.js';

const HEADER = `import { wrapDependency } from '@bulwark/policies';`;

describe('a pending call keeps the process alive', () => {
  it('top-level await on a call that never settles: the attempt timeout fires, no exit 13', async () => {
    const result = await runModule(`${HEADER}
      const dep = wrapDependency('edna', { timeout: { attemptMs: 200, totalMs: 400 }, retry: false, logger: false });
      try { await dep.execute(() => new Promise(() => {})); } catch (error) { console.log('caught', error.reason); }
    `);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('caught timeout');
  }, 30_000);

  it('callback style: the catch runs', async () => {
    const result = await runModule(`${HEADER}
      const dep = wrapDependency('edna', { timeout: { attemptMs: 200, totalMs: 400 }, retry: false, logger: false });
      dep.execute(() => new Promise(() => {})).catch((error) => console.log('caught', error.reason));
    `);
    expect(result.stdout.trim()).toBe('caught timeout');
  }, 30_000);

  it('callback style: the fallback runs after retries', async () => {
    const result = await runModule(`${HEADER}
      const dep = wrapDependency('edna', {
        timeout: { attemptMs: 100, totalMs: 1000 },
        retry: { maxAttempts: 2, backoff: { initialDelayMs: 50, maxDelayMs: 50 } },
        fallback: () => 'fallback',
        logger: false,
      });
      dep.execute(() => new Promise(() => {})).then((value) => console.log(value));
    `);
    expect(result.stdout.trim()).toBe('fallback');
  }, 30_000);

  it('a call to a hanging real server times out and the process goes on', async () => {
    const server = await startFaultServer(['hang']);
    try {
      const result = await runModule(`${HEADER}
        const dep = wrapDependency('edna', { timeout: { attemptMs: 200, totalMs: 400 }, retry: false, logger: false });
        try { await dep.fetch(${JSON.stringify(server.url)}); } catch (error) { console.log('caught', error.reason); }
      `);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe('caught timeout');
    } finally {
      await server.close();
    }
  }, 30_000);
});

describe('idle handles never keep the process alive', () => {
  it('after successful and failed calls (budget, breaker, backoff) the process exits at once', async () => {
    const result = await runModule(`${HEADER}
      const dep = wrapDependency('edna', {
        timeout: { attemptMs: 20_000, totalMs: 60_000 },
        retry: { maxAttempts: 2, backoff: { initialDelayMs: 10, maxDelayMs: 10 } },
        breaker: { threshold: 1, halfOpenAfterMs: 60_000 },
        logger: false,
      });
      await dep.execute(() => 'ok');
      await dep.execute(() => { throw Object.assign(new Error('reset'), { code: 'ECONNRESET' }); }).catch(() => {});
      console.log(dep.state);
    `);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('open');
    expect(result.ms).toBeLessThan(8_000);
  }, 30_000);

  it('a fetched body read to its end holds nothing open', async () => {
    const server = await startFaultServer([{ status: 200, body: 'done' }]);
    try {
      const result = await runModule(`${HEADER}
        const dep = wrapDependency('edna', { timeout: { attemptMs: 20_000, totalMs: 60_000 }, logger: false });
        const response = await dep.fetch(${JSON.stringify(server.url)});
        console.log(await response.text());
      `);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe('done');
      expect(result.ms).toBeLessThan(8_000);
    } finally {
      await server.close();
    }
  }, 30_000);
});
