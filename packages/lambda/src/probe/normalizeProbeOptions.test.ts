// Each probe option check with an input that proves it: the boundary accepted, one past it refused with
// the exact TypeError an operator reads.

import { MAX_TIMER_MS } from '@bulwark/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BreakerProbeOptions } from './BreakerProbeOptions.js';
import { normalizeProbeOptions } from './normalizeProbeOptions.js';

const check = async () => true;
const dependencies = [{ name: 'edna', check }];

function refusal(options: unknown): string {
  try {
    normalizeProbeOptions(options as BreakerProbeOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('options', () => {
  it.each([
    [undefined, 'undefined'],
    [null, 'null'],
    [5, '5'],
    [[], 'an empty array'],
  ])('refuses %j as the options', (options, shown) => {
    expect(refusal(options)).toBe(`breakerProbeHandler: options must be an object, got ${shown}`);
  });

  it('takes the default for an option set to undefined', () => {
    // Arrange: a JavaScript caller (or an options object built by spreading) can pass undefined.
    const options = {
      dependencies,
      failureThreshold: undefined,
      checkIntervalMs: undefined,
      retryAfterSeconds: undefined,
    } as unknown as BreakerProbeOptions;

    // Act
    const probe = normalizeProbeOptions(options);

    // Assess
    expect(probe.failureThreshold).toBe(3);
    expect(probe.checkIntervalMs).toBe(5000);
    expect(probe.retryAfterMs).toBe(60_000);
  });
});

describe('durations', () => {
  it('accepts checkIntervalMs and timeoutMs up to the timer limit, refuses one past it', () => {
    // Act
    const probe = normalizeProbeOptions({
      dependencies,
      checkIntervalMs: MAX_TIMER_MS,
      timeoutMs: MAX_TIMER_MS,
    });

    // Assess
    expect(probe.checkIntervalMs).toBe(MAX_TIMER_MS);
    expect(probe.targets[0]?.timeoutMs).toBe(MAX_TIMER_MS);
    expect(refusal({ dependencies, checkIntervalMs: MAX_TIMER_MS + 1 })).toBe(
      'breakerProbeHandler: "checkIntervalMs" must be a number >= 0 and <= 2147483647, got 2147483648',
    );
  });

  it('bounds retryAfterSeconds by the timer limit in seconds', () => {
    // Act
    const probe = normalizeProbeOptions({ dependencies, retryAfterSeconds: MAX_TIMER_MS / 1000 });

    // Assess
    expect(probe.retryAfterMs).toBe(MAX_TIMER_MS);
    expect(refusal({ dependencies, retryAfterSeconds: 2147483.648 })).toBe(
      'breakerProbeHandler: "retryAfterSeconds" must be a number >= 0 and <= 2147483.647, got 2147483.648',
    );
  });

  it('refuses a duration given as a numeric string', () => {
    expect(refusal({ dependencies, checkIntervalMs: '5' })).toBe(
      'breakerProbeHandler: "checkIntervalMs" must be a number >= 0 and <= 2147483647, got "5"',
    );
  });

  it('refuses a timeoutMs of 0 for the whole probe', () => {
    expect(refusal({ dependencies, timeoutMs: 0 })).toBe(
      'breakerProbeHandler: "timeoutMs" must be > 0, got 0',
    );
  });
});

describe('a dependency', () => {
  it('takes its own timeoutMs, from 1 ms to the timer limit', () => {
    // Act
    const probe = normalizeProbeOptions({
      dependencies: [
        { name: 'a', check, timeoutMs: 1 },
        { name: 'b', check, timeoutMs: MAX_TIMER_MS },
      ],
    });

    // Assess
    expect(probe.targets.map((t) => t.timeoutMs)).toEqual([1, MAX_TIMER_MS]);
  });

  it.each([
    [0, '0'],
    [MAX_TIMER_MS + 1, '2147483648'],
    ['100', '"100"'],
  ])('refuses timeoutMs %j', (timeoutMs, shown) => {
    expect(refusal({ dependencies: [{ name: 'edna', check, timeoutMs }] })).toBe(
      `breakerProbeHandler: dependencies[0]: "timeoutMs" must be > 0 and <= 2147483647, got ${shown}`,
    );
  });

  it('describes a url that is not a string by its value', () => {
    expect(refusal({ dependencies: [{ name: 'edna', url: 42 }] })).toBe(
      'breakerProbeHandler: dependencies[0]: "url" is not a URL, got 42',
    );
  });
});

describe('the default logger', () => {
  it('writes one JSON line per message to the console, with its level', () => {
    // Arrange
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { logger } = normalizeProbeOptions({ dependencies });

    // Act
    logger.info('probe wrote closed', { dependency: 'edna' });
    logger.warn('probe wrote open', { dependency: 'edna' });

    // Assess
    expect(info).toHaveBeenCalledWith('{"level":"INFO","message":"probe wrote closed","dependency":"edna"}');
    expect(warn).toHaveBeenCalledWith('{"level":"WARN","message":"probe wrote open","dependency":"edna"}');
  });
});
