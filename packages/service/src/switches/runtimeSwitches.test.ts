// Switch semantics on injected time and a stand-in provider: defaults until a good read, fail-static on a
// failed, hung or invalid read, changes applied to isolation and listeners, undeclared names refused.
import { wrapDependency } from '@bulwark/policies';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runtimeSwitches } from './runtimeSwitches.js';

type Answer = string | Error | 'hang';

function provider(...answers: Answer[]) {
  const calls: { name: string; options: unknown }[] = [];
  return {
    calls,
    get(name: string, options?: unknown): Promise<unknown> {
      calls.push({ name, options });
      const answer = answers[Math.min(calls.length, answers.length) - 1];
      if (answer === 'hang') return new Promise(() => {});
      if (answer instanceof Error) return Promise.reject(answer);
      return Promise.resolve(answer);
    },
  };
}

const doc = (switches: Record<string, unknown>) => JSON.stringify({ version: 1, switches });

function recording() {
  const lines: { level: string; message: string; extra: unknown }[] = [];
  const log = (level: string) => (message: string, extra?: unknown) => {
    lines.push({ level, message, extra });
  };
  return { lines, logger: { info: log('info'), warn: log('warn'), error: log('error') } };
}

function make(answers: Answer[], extra: Record<string, unknown> = {}) {
  const p = provider(...answers);
  const { lines, logger } = recording();
  const switches = runtimeSwitches({
    parameterName: '/orders/switches',
    defaults: { recommendations: true, 'payments.force-open': false },
    provider: p,
    maxAgeSeconds: 10,
    readTimeoutMs: 500,
    logger,
    ...extra,
  });
  return { switches, p, lines };
}

describe('runtimeSwitches', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('serves the defaults before the first read, then the document', async () => {
    // Prepare
    const { switches, p } = make([doc({ recommendations: false })]);
    // Act
    const before = switches.snapshot();
    await switches.ready();
    // Assess
    expect(before).toEqual({ recommendations: true, 'payments.force-open': false });
    expect(switches.isOn('recommendations')).toBe(false);
    expect(p.calls[0]).toEqual({ name: '/orders/switches', options: { maxAge: 10, forceFetch: true } });
  });

  it('reads again every maxAgeSeconds and tells listeners what changed', async () => {
    // Prepare
    const { switches, p } = make([doc({}), doc({ 'payments.force-open': true })]);
    const changes: unknown[] = [];
    switches.onChange((e) => changes.push(e));
    await switches.ready();
    // Act
    await vi.advanceTimersByTimeAsync(10_000);
    // Assess
    expect(p.calls).toHaveLength(2);
    expect(changes).toEqual([{ name: 'payments.force-open', on: true }]);
    switches.stop();
  });

  it.each([
    ['a failed read', new Error('ThrottlingException: Rate exceeded token=abc123')],
    ['an invalid document', '{"version":2,"switches":{}}'],
    ['a non-boolean value', doc({ recommendations: 'no' })],
    ['text that is not JSON', 'recommendations=false'],
  ])('keeps the last good values after %s (fail-static) and logs it without secrets', async (_case, bad) => {
    // Prepare
    const { switches, lines } = make([doc({ recommendations: false }), bad]);
    await switches.ready();
    // Act
    await switches.refresh();
    // Assess
    expect(switches.isOn('recommendations')).toBe(false);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain('abc123');
  });

  it('bounds ready() by readTimeoutMs when the read hangs, and serves the defaults', async () => {
    // Prepare
    const { switches } = make(['hang']);
    let done = false;
    void switches.ready().then(() => {
      done = true;
    });
    // Act
    await vi.advanceTimersByTimeAsync(499);
    const early = done;
    await vi.advanceTimersByTimeAsync(1);
    // Assess
    expect(early).toBe(false);
    expect(done).toBe(true);
    expect(switches.stats()).toMatchObject({ reads: 1, failures: 1 });
    expect(switches.isOn('recommendations')).toBe(true);
  });

  it('holds a real breaker isolated while the switch is on, and releases it when it goes off', async () => {
    // Prepare
    const payments = wrapDependency('payments', { logger: false });
    const { switches } = make([doc({ 'payments.force-open': true }), doc({ 'payments.force-open': false })]);
    switches.isolateWhile('payments.force-open', payments);
    // Act
    await switches.ready();
    const forced = payments.state;
    await switches.refresh();
    // Assess
    expect(forced).toBe('isolated');
    expect(payments.state).toBe('closed');
  });

  it('ignores a switch the service does not declare, naming the nearest declared one', async () => {
    // Prepare
    const { switches, lines } = make([doc({ recomendations: false })]);
    // Act
    await switches.ready();
    // Assess
    expect(switches.isOn('recommendations')).toBe(true);
    expect(JSON.stringify(lines)).toContain('recomendations (did you mean \\"recommendations\\"?)');
  });

  it('refuses an undeclared name in isOn with the nearest declared one', () => {
    // Prepare
    const { switches } = make([doc({})]);
    // Act
    const read = () => switches.isOn('recomendations' as 'recommendations');
    // Assess
    expect(read).toThrow(/switch "recomendations" is not declared; did you mean "recommendations"\?/);
  });

  it.each([
    [{ parameterName: '' }, /parameterName must be/],
    [{ defaults: {} }, /defaults must be an object declaring at least one switch/],
    [{ defaults: { ok: 'yes' } }, /defaults\.ok must be true or false/],
    [{ defaults: { 'bad name': true } }, /defaults must be switch names/],
    [{ maxAgeSeconds: 0 }, /maxAgeSeconds must be an integer between 1 and/],
    [{ readTimeoutMs: Number.POSITIVE_INFINITY }, /readTimeoutMs must be an integer/],
    [{ provider: {} }, /provider must be a Powertools parameters provider/],
    [{ maxAge: 5 }, /unknown option "maxAge"; did you mean "maxAgeSeconds"\?/],
  ])('refuses bad options (%#)', (extra, message) => {
    // Act
    const create = () => make([doc({})], extra);
    // Assess
    expect(create).toThrow(message);
  });
});
