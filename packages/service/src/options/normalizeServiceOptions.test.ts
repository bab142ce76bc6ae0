// Wrong options are TypeErrors at construction naming the field, the value and the fix; never silent defaults.
import { MAX_TIMER_MS } from '@bulwark/errors';
import { describe, expect, it } from 'vitest';
import { createService } from '../createService.js';
import { normalizeServiceOptions } from './normalizeServiceOptions.js';
import { DEFAULT_SERVICE_OPTIONS } from './ServiceOptions.js';

describe('createService options', () => {
  it('applies DEFAULT_SERVICE_OPTIONS when given nothing', () => {
    // Act
    const o = normalizeServiceOptions(undefined);
    // Assess
    expect(o.name).toBe(DEFAULT_SERVICE_OPTIONS.name);
    expect(o.health).toEqual(DEFAULT_SERVICE_OPTIONS.health);
    expect(o.shutdown).toMatchObject(DEFAULT_SERVICE_OPTIONS.shutdown);
    expect(o.metrics).toEqual({ ...DEFAULT_SERVICE_OPTIONS.metrics, include: [] });
  });

  it.each([
    [{ helth: {} }, /unknown option "helth"; did you mean "health"\?/],
    [{ shutdown: { timeout: 1 } }, /unknown option "shutdown\.timeout"; did you mean "timeoutMs"\?/],
    [{ health: { readyPth: '/r' } }, /did you mean "readyPath"\?/],
    [{ metrics: { processMetric: true } }, /did you mean "processMetrics"\?/],
    [{ name: '' }, /name must be a non-empty string/],
    [{ shutdown: { graceMs: -1 } }, /shutdown\.graceMs must be an integer number of ms between 0 and/],
    [{ shutdown: { graceMs: Number.NaN } }, /shutdown\.graceMs .* got NaN/],
    [{ shutdown: { timeoutMs: MAX_TIMER_MS + 1 } }, /shutdown\.timeoutMs must be an integer/],
    [
      { shutdown: { graceMs: 30_000, timeoutMs: 10_000 } },
      /timeoutMs must be more than shutdown\.graceMs \(30000\)/,
    ],
    [{ shutdown: { signals: ['SIGKILL'] } }, /shutdown\.signals\[0\] must be a catchable signal/],
    [{ shutdown: { signals: 'SIGTERM' } }, /shutdown\.signals must be an array/],
    [{ shutdown: { exit: 1 } }, /shutdown\.exit must be a function/],
    [{ health: { readyPath: 'ready' } }, /health\.readyPath must be a path starting with "\/"/],
    [{ health: { readyPath: '/ready?x=1' } }, /health\.readyPath must be a path/],
    [{ health: { checkTimeoutMs: 0 } }, /health\.checkTimeoutMs must be at least 1 ms/],
    [{ health: { details: 'yes' } }, /health\.details must be true or false/],
    [{ metrics: { path: '/health/ready' } }, /metrics\.path must be a path different from health\.readyPath/],
    [{ metrics: { durationBuckets: [1, 0.5] } }, /metrics\.durationBuckets\[1\] must be/],
    [{ metrics: { durationBuckets: [] } }, /metrics\.durationBuckets must be a non-empty array/],
    [{ metrics: { include: [{}] } }, /metrics\.include\[0\] must be an object with a metrics\(\) method/],
    [{ logger: console.log }, /logger must be an object with info, warn and error methods/],
  ])('refuses %o', (options, message) => {
    // Act
    const create = () => createService(options as never);
    // Assess
    expect(create).toThrow(TypeError);
    expect(create).toThrow(message);
  });

  it('turns a throwing getter into a TypeError naming the field', () => {
    // Prepare
    const options = {
      get shutdown(): never {
        throw new Error('boom');
      },
    };
    // Act
    const create = () => createService(options);
    // Assess
    expect(create).toThrow(/createService: shutdown could not be read/);
  });

  it('accepts metrics: false (no /metrics)', async () => {
    // Act
    const service = createService({ metrics: false, shutdown: { signals: [] } });
    // Assess
    expect(await service.probe('GET', '/metrics')).toBeUndefined();
  });
});

describe('registration', () => {
  const service = () => createService({ shutdown: { signals: [] } });
  const dep = (name: string) => ({ name, state: 'closed', stats: () => ({ inFlight: 0 }) });

  it.each([
    [(s: ReturnType<typeof service>) => s.dependency(null as never), /dependency must be a Dependency/],
    [
      (s: ReturnType<typeof service>) => s.dependency(dep('a'), { critcal: true } as never),
      /did you mean "critical"/,
    ],
    [
      (s: ReturnType<typeof service>) => s.dependency(dep('a'), { critical: 'yes' } as never),
      /critical must be true or false/,
    ],
    [(s: ReturnType<typeof service>) => s.check('', () => true), /check: name must be a non-empty string/],
    [(s: ReturnType<typeof service>) => s.check('db', 'ping' as never), /check must be a function/],
    [
      (s: ReturnType<typeof service>) => s.check('db', () => true, { probe: 'ready' } as never),
      /probe must be 'liveness', 'readiness' or 'startup'/,
    ],
    [(s: ReturnType<typeof service>) => s.onClose('pool', undefined as never), /hook must be a function/],
  ])('refuses a bad registration (%#)', (register, message) => {
    // Act
    const act = () => register(service());
    // Assess
    expect(act).toThrow(message);
  });

  it('refuses two dependencies with one name (one metrics label, one probe row)', () => {
    // Prepare
    const s = service();
    s.dependency(dep('payments'));
    // Act
    const act = () => s.dependency(dep('payments'));
    // Assess
    expect(act).toThrow(/dependency must be a dependency not registered yet, got "payments"/);
  });
});
