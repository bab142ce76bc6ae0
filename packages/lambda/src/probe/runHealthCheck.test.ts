import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runHealthCheck, urlCheck } from './runHealthCheck.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});

afterEach(() => {
  vi.useRealTimers();
});

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('runHealthCheck', () => {
  it('measures how long the check took and leaves no timer behind', async () => {
    // Act
    const running = runHealthCheck('edna', () => after(30, true), 2000);
    await vi.advanceTimersByTimeAsync(30);
    const result = await running;

    // Assess
    expect(result).toEqual({ healthy: true, durationMs: 30 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('says the check returned false', async () => {
    await expect(runHealthCheck('edna', async () => false, 2000)).resolves.toEqual({
      healthy: false,
      durationMs: 0,
      detail: 'check returned false',
    });
  });

  it('names the error when its message is empty', async () => {
    // Arrange
    const check = async () => {
      throw new RangeError('');
    };

    // Act / Assess
    await expect(runHealthCheck('edna', check, 2000)).resolves.toEqual({
      healthy: false,
      durationMs: 0,
      detail: 'RangeError',
    });
  });

  it('judges a bodiless response by its status', async () => {
    // Act
    const result = await runHealthCheck('edna', async () => new Response(null, { status: 503 }), 2000);

    // Assess
    expect(result).toEqual({ healthy: false, durationMs: 0, detail: 'HTTP 503' });
  });
});

describe('urlCheck', () => {
  it('GETs the url with the signal and a user agent naming the probe', async () => {
    // Arrange
    const calls: { url: unknown; init: RequestInit | undefined }[] = [];
    const fetchImpl = (async (url: unknown, init?: RequestInit) => {
      calls.push({ url, init });
      return new Response('ok');
    }) as typeof fetch;
    const { signal } = new AbortController();

    // Act
    await urlCheck('https://edna.test/health', fetchImpl)({ signal, dependency: 'edna' });

    // Assess
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('https://edna.test/health');
    expect(calls[0]?.init).toEqual({
      method: 'GET',
      signal,
      headers: { 'user-agent': 'bulwark-breaker-probe' },
    });
    expect(calls[0]?.init?.signal).toBe(signal);
  });
});
