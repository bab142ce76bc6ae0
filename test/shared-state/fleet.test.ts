// The fleet: 50 independent cold instances (each its own SSM client, Powertools provider and cache,
// and breaker) start while the dependency is down and the probe has written `open`. Real SDK, real
// Powertools, the real probe; the dependency is a real HTTP server on 127.0.0.1. Only Date is faked.
import { isDependencyDownError } from '@bulwark/errors';
import { breakerProbeHandler } from '@bulwark/lambda';
import { ssmBreakerState, wrapDependency } from '@bulwark/policies';
import { ssmEmulator, useMswServer } from '@bulwark/testing';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import {
  eventually,
  type LocalDependency,
  recordingLogger,
  ssmClient,
  startLocalDependency,
} from './support.js';

const ssm = ssmEmulator();
useMswServer(...ssm.handlers);
const FLEET = 50;
const MAX_AGE_SECONDS = 5;

let edna: LocalDependency;
beforeAll(async () => {
  edna = await startLocalDependency();
});
afterAll(() => edna.close());
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T10:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

function coldInstance() {
  const sharedState = ssmBreakerState({
    parameterName: '/bulwark/breakers/edna',
    maxAgeSeconds: MAX_AGE_SECONDS,
    readTimeoutMs: 500,
    client: ssmClient(),
    logger: recordingLogger(),
  });
  const dependency = wrapDependency('edna', {
    sharedState,
    retry: { maxAttempts: 3, backoff: { initialDelayMs: 1, maxDelayMs: 5 } },
    logger: false,
  });
  return { sharedState, call: () => dependency.fetch(`${edna.url}/api`) };
}

it('50 cold instances send the down dependency nothing while the probe says open, and resume within one maxAge of closed', async () => {
  // Prepare: the dependency is down; the probe sees it and writes open
  edna.setUp(false);
  const probe = breakerProbeHandler({
    dependencies: [{ name: 'edna', url: `${edna.url}/health` }],
    failureThreshold: 3,
    successThreshold: 2,
    checksPerInvocation: 3,
    checkIntervalMs: 1,
    client: ssmClient(),
    logger: recordingLogger(),
  });
  await probe();
  expect(JSON.parse(ssm.value('/bulwark/breakers/edna') ?? '{}')).toMatchObject({ state: 'open' });

  // Act 1: 50 cold instances start and each takes 3 calls, all at once
  const fleet = Array.from({ length: FLEET }, coldInstance);
  const outcomes = await Promise.all(
    fleet.flatMap((i) =>
      [0, 1, 2].map(() =>
        i.call().then(
          () => 'reached',
          (e: unknown) => e,
        ),
      ),
    ),
  );

  // Assess 1: not one request reached the dependency; every call failed fast with DependencyDownError
  expect(edna.total('/api')).toBe(0);
  expect(outcomes.every((o) => isDependencyDownError(o))).toBe(true);
  // one read per instance, plus the probe's read and its re-read before writing
  expect(ssm.calls.GetParameter).toBe(FLEET + 2);

  // Act 2: the dependency heals; the probe writes closed after two healthy checks
  edna.setUp(true);
  await probe();
  const closedAt = Date.now();
  expect(JSON.parse(ssm.value('/bulwark/breakers/edna') ?? '{}')).toMatchObject({ state: 'closed' });

  // Within maxAge every instance still serves the cached open (no request yet)...
  vi.setSystemTime(closedAt + MAX_AGE_SECONDS * 1000 - 1000);
  for (const i of fleet) await i.call().catch(() => undefined);
  expect(edna.total('/api')).toBe(0);

  // ...and one maxAge after the write, each instance's next call refreshes in the background.
  vi.setSystemTime(closedAt + MAX_AGE_SECONDS * 1000 + 1);
  for (const i of fleet) i.sharedState.current();
  await eventually(() => expect(fleet.every((i) => i.sharedState.current()?.state === 'closed')).toBe(true));
  const resumed = await Promise.all(fleet.map((i) => i.call().then((r) => (r as Response).status)));

  // Assess 2: all 50 resumed at closedAt + maxAge (fake clock), each with one more read
  expect(resumed).toEqual(Array(FLEET).fill(200));
  expect(edna.total('/api')).toBe(FLEET);
  expect(ssm.calls.GetParameter).toBe(2 * FLEET + 4); // + the probe's 2 reads per invocation
});
