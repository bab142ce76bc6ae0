// Items 2-4 for @bulwark/testing: every options object refuses unknown keys (nearest valid name), every
// duration refuses more than MAX_TIMER_MS, and bad values print through describeValue (no object dumps).
import { MAX_TIMER_MS } from '@bulwark/errors';
import {
  expectBreakerOpens,
  expectFallback,
  expectHalfOpenProbe,
  expectRetryExhaustion,
  expectTimeoutFires,
  faults,
  lambdaContext,
  ssmEmulator,
  startFaultServer,
} from '@bulwark/testing';
import { describe, expect, it } from 'vitest';
import { messageOfAsync } from '../messageOf.js';

const URL = 'https://edna.test/*';
const TOO_LONG = 2 ** 31;
const dep = { name: 'edna', execute: async () => undefined } as never;

describe('durations beyond MAX_TIMER_MS are refused', () => {
  it.each([
    ['faults.latency', 'ms', () => faults.latency(URL, { ms: TOO_LONG })],
    ['faults.slowBody', 'intervalMs', () => faults.slowBody(URL, { chunks: 2, intervalMs: TOO_LONG })],
    // biome-ignore lint/suspicious/noThenProperty: `then` is the fault step's own field
    ['faults.sequence', 'delayMs', () => faults.sequence(URL, [{ delayMs: TOO_LONG, then: 200 }])],
    ['lambdaContext', 'remainingMs', () => lambdaContext({ remainingMs: TOO_LONG })],
    ['startFaultServer', 'slowHeadersMs', () => startFaultServer([{ slowHeadersMs: TOO_LONG }])],
    ['ssmEmulator.setLatency', 'ms', () => ssmEmulator().setLatency(TOO_LONG)],
    ['expectTimeoutFires', 'withinMs', () => expectTimeoutFires(dep, { withinMs: TOO_LONG })],
    [
      'expectTimeoutFires',
      'settleWithinMs',
      () => expectTimeoutFires(dep, { withinMs: 10, settleWithinMs: TOO_LONG }),
    ],
    [
      'expectRetryExhaustion',
      'withinMs',
      () => expectRetryExhaustion(dep, { attempts: 1, withinMs: TOO_LONG }),
    ],
    [
      'expectBreakerOpens',
      'withinMs',
      () => expectBreakerOpens(dep, { afterFailures: 1, withinMs: TOO_LONG }),
    ],
    ['expectFallback', 'withinMs', () => expectFallback(dep, { withinMs: TOO_LONG })],
    ['expectHalfOpenProbe', 'halfOpenAfterMs', () => expectHalfOpenProbe(dep, { halfOpenAfterMs: TOO_LONG })],
  ])('%s %s', async (owner, field, make) => {
    const message = await messageOfAsync(make);
    expect(message).toContain(owner);
    expect(message).toContain(field);
    expect(message).toContain(String(MAX_TIMER_MS));
  });
});

describe('unknown keys are refused with the nearest valid name', () => {
  it.each([
    ['ms', () => faults.latency(URL, { ms: 10, stauts: 200 } as never), 'status'],
    ['intervalMs', () => faults.slowBody(URL, { chunks: 2, intervalMs: 1, header: {} } as never), 'headers'],
    ['rate', () => faults.flaky(URL, { rate: 0.1, seed: 1, fault: 503, okay: 200 } as never), 'ok'],
    ['retryAfter', () => faults.status(URL, 429, { retryafter: 2 } as never), 'retryAfter'],
    ['step', () => faults.sequence(URL, [{ status: 429, retryAfterS: 2 } as never]), 'retryAfter'],
    ['delay', () => faults.sequence(URL, [{ delayMs: 5, than: 200 } as never]), 'then'],
    ['lambdaContext', () => lambdaContext({ remainingMS: 5 } as never), 'remainingMs'],
    ['ssmEmulator', () => ssmEmulator({ regoin: 'us-east-1' } as never), 'region'],
    ['ssmEmulator.put', () => ssmEmulator().put('/a', 'b', { Type: 'String' } as never), 'type'],
    ['startFaultServer', () => startFaultServer([{ status: 200, header: {} } as never]), 'headers'],
    [
      'expectTimeoutFires',
      () => expectTimeoutFires(dep, { withinMs: 10, settleWithin: 5 } as never),
      'settleWithinMs',
    ],
    ['expectRetryExhaustion', () => expectRetryExhaustion(dep, { attempt: 3 } as never), 'attempts'],
    [
      'expectBreakerOpens',
      () => expectBreakerOpens(dep, { afterFailures: 1, within: 5 } as never),
      'withinMs',
    ],
    ['expectFallback', () => expectFallback(dep, { valeu: 1 } as never), 'value'],
    [
      'expectHalfOpenProbe',
      () => expectHalfOpenProbe(dep, { halfOpenAfterMs: 10, probe: 2 } as never),
      'probes',
    ],
  ])('%s', async (_owner, make, near) => {
    expect(await messageOfAsync(make)).toContain(`did you mean "${near}"?`);
  });
});

describe('bad values print safely', () => {
  it.each([
    ['faults.latency', () => faults.latency(URL, { ms: Number.NaN }), 'got NaN'],
    // biome-ignore lint/suspicious/noThenProperty: `then` is the fault step's own field
    ['faults.sequence', () => faults.sequence(URL, [{ delayMs: Number.NaN, then: 200 }]), 'got NaN'],
    ['lambdaContext', () => lambdaContext({ remainingMs: Infinity }), 'got Infinity'],
  ])('%s', async (_owner, make, expected) => {
    expect(await messageOfAsync(make)).toContain(expected);
  });

  it('a bad step object is never dumped', async () => {
    const step = { status: 'x', headers: { authorization: 'Bearer SECRET-IN-STEP' } };
    expect(await messageOfAsync(() => faults.sequence(URL, [step as never]))).not.toContain('SECRET');
    expect(
      await messageOfAsync(() =>
        faults.flaky(URL, { rate: 0.5, seed: 1, fault: { apiKey: 'SECRET' } as never }),
      ),
    ).not.toContain('SECRET');
  });

  it('options that are not an object are refused by type', async () => {
    expect(await messageOfAsync(() => faults.latency(URL, null as never))).toContain(
      'faults.latency: options must be an object, got null',
    );
  });
});
