// breakerProbeHandler against the real AWS SDK, answered by the SSM emulator; url checks hit a real local server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BreakerProbeOptions, breakerProbeHandler } from '@bulwark/lambda';
import { parseBreakerDocument } from '@bulwark/policies';
import { lambdaContext, ssmEmulator, useMswServer } from '@bulwark/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { breakerDoc, recordingLogger, ssmClient } from './support.js';

const ssm = ssmEmulator();
const server = useMswServer(...ssm.handlers);
const NAME = '/bulwark/breakers/edna';

let healthy = true;
const check = async () => {
  if (!healthy) throw new Error('connection refused');
};

beforeEach(() => {
  ssm.reset();
  healthy = true;
});

function probe(overrides: Partial<BreakerProbeOptions> = {}) {
  return breakerProbeHandler({
    dependencies: [{ name: 'edna', check }],
    failureThreshold: 3,
    successThreshold: 2,
    checksPerInvocation: 1,
    checkIntervalMs: 0,
    timeoutMs: 200,
    client: ssmClient(),
    probeId: 'edna-probe',
    logger: recordingLogger(),
    ...overrides,
  });
}

function stored(name = NAME) {
  const value = ssm.value(name);
  if (value === undefined) return undefined;
  const parsed = parseBreakerDocument(value);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.document;
}

/**
 * From a closed document, three probe rounds over a failing check (the third would open the circuit);
 * during the third check something else writes `value` to the parameter. Returns the third round's result.
 */
async function thirdRunWhileWritten(value: string) {
  ssm.put(NAME, breakerDoc('edna', 'closed'));
  let n = 0;
  const run = probe({
    dependencies: [
      {
        name: 'edna',
        check: async () => {
          if (++n === 3) ssm.put(NAME, value);
          throw new Error('down');
        },
      },
    ],
  });
  await run();
  await run();
  return run();
}

describe('breakerProbeHandler: hysteresis and writes on change only', () => {
  it('opens after failureThreshold consecutive failures, closes after successThreshold successes, writing twice', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    const versionBefore = ssm.parameter(NAME)?.version;
    const run = probe();
    healthy = false;

    // Act + Assess: two failures change nothing
    await run();
    await run();
    expect(ssm.calls.PutParameter).toBe(0);
    expect(stored()?.state).toBe('closed');

    const third = await run();
    expect(third.dependencies[0]).toMatchObject({
      before: 'closed',
      after: 'open',
      wrote: 'open',
      failures: 3,
    });
    expect(stored()).toMatchObject({
      state: 'open',
      writtenBy: { kind: 'probe', id: 'edna-probe' },
      reason: expect.stringMatching(/3 consecutive failed health checks; last: connection refused/),
    });
    expect(Date.parse(stored()?.retryAt ?? '')).toBeGreaterThan(Date.now());

    // Still down: no more writes
    for (let i = 0; i < 5; i++) await run();
    expect(ssm.calls.PutParameter).toBe(1);

    // Back: one success is not enough, two close it
    healthy = true;
    await run();
    expect(stored()?.state).toBe('open');
    await run();
    expect(stored()).toMatchObject({ state: 'closed', reason: '2 consecutive healthy checks' });
    for (let i = 0; i < 5; i++) await run();
    expect(ssm.calls.PutParameter).toBe(2);
    expect(ssm.parameter(NAME)?.version).toBe((versionBefore ?? 0) + 2);
  });

  it('never opens a dependency that flaps below the threshold', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    const run = probe();

    for (const up of [false, false, true, false, false, true, false, false, true]) {
      healthy = up;
      await run();
    }

    expect(ssm.calls.PutParameter).toBe(0);
    expect(stored()?.state).toBe('closed');
  });

  it('establishes the document once when none exists yet', async () => {
    const run = probe();

    await run();
    expect(ssm.value(NAME)).toBeUndefined();
    await run();
    await run();
    await run();

    expect(stored()?.state).toBe('closed');
    expect(ssm.calls.PutParameter).toBe(1);
  });

  it('repairs a document readers refuse, but leaves a newer version alone', async () => {
    ssm.put(NAME, '{garbage');
    ssm.put('/bulwark/breakers/billing', JSON.stringify({ version: 2, state: 'open' }));
    const run = probe({
      dependencies: [
        { name: 'edna', check },
        { name: 'billing', check },
      ],
    });

    await run();
    const result = await run();

    expect(stored()?.state).toBe('closed');
    expect(ssm.value('/bulwark/breakers/billing')).toBe(JSON.stringify({ version: 2, state: 'open' }));
    expect(result.dependencies[1]).toMatchObject({ before: 'foreign', skipped: 'foreign', wrote: undefined });
  });

  it('decides within one cold invocation when checksPerInvocation reaches the threshold', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    healthy = false;
    const run = probe({ checksPerInvocation: 3, checkIntervalMs: 5 });

    const result = await run();

    expect(result.dependencies[0]?.checks).toHaveLength(3);
    expect(stored()?.state).toBe('open');
    expect(ssm.calls.PutParameter).toBe(1);
  });

  it('keeps counters across warm invocations, and a cold start begins again (it only delays)', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    healthy = false;
    const warm = probe();
    await warm();
    await warm();

    const cold = probe();
    await cold();
    await cold();
    expect(stored()?.state).toBe('closed');
    await cold();
    expect(stored()?.state).toBe('open');
  });

  it('runs fewer rounds when the Lambda has too little time left', async () => {
    healthy = false;
    const run = probe({ checksPerInvocation: 3, checkIntervalMs: 1000, timeoutMs: 100 });

    const result = await run({}, lambdaContext({ remainingMs: 1500 }));

    expect(result.dependencies[0]?.checks).toHaveLength(1);
  });
});

describe('breakerProbeHandler: forced states survive', () => {
  it.each([
    ['forced-open', true],
    ['forced-closed', false],
  ] as const)('never overwrites %s, whatever the checks say', async (state, up) => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', state));
    const before = ssm.value(NAME);
    healthy = up;
    const run = probe();

    // Act
    let last: Awaited<ReturnType<typeof run>> | undefined;
    for (let i = 0; i < 6; i++) last = await run();

    // Assess
    expect(ssm.value(NAME)).toBe(before);
    expect(ssm.calls.PutParameter).toBe(0);
    expect(last?.dependencies[0]).toMatchObject({ before: state, after: state, skipped: 'forced' });
  });

  it.each(['forced-closed', 'forced-open'] as const)(
    'does not overwrite %s an operator wrote while the checks were running, and says it was forced',
    async (state) => {
      // Act: the operator forces during the check that would open
      const third = await thirdRunWhileWritten(breakerDoc('edna', state));

      // Assess
      expect(stored()?.state).toBe(state);
      expect(ssm.calls.PutParameter).toBe(0);
      expect(third.dependencies[0]).toMatchObject({ after: state, skipped: 'forced' });
    },
  );

  it('resumes deciding after an operator clears the force (state closed)', async () => {
    ssm.put(NAME, breakerDoc('edna', 'forced-closed'));
    healthy = false;
    const run = probe();
    await run();
    await run();
    await run();
    expect(stored()?.state).toBe('forced-closed');

    ssm.put(NAME, breakerDoc('edna', 'closed', { writtenBy: { kind: 'operator', id: 'alice' } }));
    await run();

    // The failures seen while forced still count: the evidence is real.
    expect(stored()).toMatchObject({ state: 'open', writtenBy: { kind: 'probe' } });
  });
});

describe('breakerProbeHandler: checks', () => {
  let server: Server;
  let status = 200;
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(status).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('GETs a url check and treats a non-2xx answer as a failure', async () => {
    status = 503;
    const run = probe({ dependencies: [{ name: 'edna', url }], failureThreshold: 1 });

    const result = await run();

    expect(result.dependencies[0]?.checks[0]).toMatchObject({ healthy: false, detail: 'HTTP 503' });
    expect(stored()?.state).toBe('open');
  });

  it('counts a url check that answers 200 as healthy', async () => {
    status = 200;
    const run = probe({ dependencies: [{ name: 'edna', url }], successThreshold: 1 });

    const result = await run();

    expect(result.dependencies[0]?.checks[0]?.healthy).toBe(true);
    expect(stored()?.state).toBe('closed');
  });

  it('bounds a check that hangs and ignores its signal by its own timeout, and aborts the signal', async () => {
    let seen: AbortSignal | undefined;
    const run = probe({
      dependencies: [
        {
          name: 'edna',
          timeoutMs: 40,
          check: ({ signal }) => {
            seen = signal;
            return new Promise(() => {});
          },
        },
      ],
      failureThreshold: 1,
    });

    const started = performance.now();
    const result = await run();

    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.dependencies[0]?.checks[0]).toMatchObject({
      healthy: false,
      detail: expect.stringMatching(/timed out after 40 ms/),
    });
    expect(seen?.aborted).toBe(true);
    expect(stored()?.state).toBe('open');
  });

  it('treats a check resolving to false as a failure', async () => {
    const run = probe({ dependencies: [{ name: 'edna', check: async () => false }], failureThreshold: 1 });

    await run();

    expect(stored()?.state).toBe('open');
  });
});

describe('breakerProbeHandler: SSM failures', () => {
  it('fails the invocation after handling every dependency when a write is throttled', async () => {
    // Prepare: reads answer; only PutParameter is throttled, for edna's write
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    ssm.put('/bulwark/breakers/billing', breakerDoc('billing', 'closed'));
    let throttledPuts = 0;
    server.use(
      http.post('https://ssm.us-east-1.amazonaws.com/', async ({ request }) => {
        if (request.headers.get('x-amz-target') !== 'AmazonSSM.PutParameter') return undefined;
        if (!(await request.clone().text()).includes('breakers/edna')) return undefined;
        throttledPuts++;
        return HttpResponse.json(
          { __type: 'ThrottlingException', message: 'Rate exceeded' },
          { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' } },
        );
      }),
    );
    healthy = false;
    const logger = recordingLogger();
    const run = probe({
      failureThreshold: 1,
      logger,
      dependencies: [
        { name: 'edna', check },
        { name: 'billing', check },
      ],
    });

    // Act
    const outcome = await run().then(
      () => undefined,
      (error: unknown) => error,
    );

    // Assess: billing was still written; the invocation failed loudly for edna
    expect(outcome).toBeInstanceOf(AggregateError);
    expect((outcome as AggregateError).errors[0]).toMatchObject({ name: 'ThrottlingException' });
    expect(throttledPuts).toBe(1);
    expect(stored()?.state).toBe('closed');
    expect(stored('/bulwark/breakers/billing')?.state).toBe('open');
    expect(
      logger.lines.some(
        (l) => /could not write/.test(l.message) && /Throttling/.test(JSON.stringify(l.attributes.error)),
      ),
    ).toBe(true);
  });

  it('does not write when the first read is throttled, rejects, and writes on the next invocation', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    healthy = false;
    const run = probe({ failureThreshold: 1 });
    ssm.throttleNext(1);

    await expect(run()).rejects.toThrow(AggregateError);
    expect(stored()?.state).toBe('closed');

    await run();
    expect(stored()?.state).toBe('open');
  });
});

describe('breakerProbeHandler: options', () => {
  it.each([
    [{ dependencies: [] }, /"dependencies"/],
    [{ dependencies: [{ name: 'edna' }] }, /exactly one of "check" and "url"/],
    [{ dependencies: [{ name: 'edna', check, url: 'http://x' }] }, /exactly one/],
    [{ dependencies: [{ name: 'has space', check }] }, /"dependency".*"has space"/],
    [
      {
        dependencies: [
          { name: 'a', check },
          { name: 'a', check },
        ],
      },
      /"a" appears twice/,
    ],
    [{ dependencies: [{ name: 'a', url: 'not a url' }] }, /"url" is not a URL/],
    [{ dependencies: [{ name: 'a', check }], failureThreshold: 0 }, /"failureThreshold".*0/],
    [{ dependencies: [{ name: 'a', check }], successThreshold: 1.5 }, /"successThreshold".*1.5/],
    [{ dependencies: [{ name: 'a', check }], timeoutMs: 0 }, /"timeoutMs"/],
    [{ dependencies: [{ name: 'a', check }], parameterPrefix: 'no-slash' }, /"prefix"/],
  ] as const)('throws a TypeError naming the field for %o', (options, message) => {
    expect(() => breakerProbeHandler(options as unknown as BreakerProbeOptions)).toThrow(TypeError);
    expect(() => breakerProbeHandler(options as unknown as BreakerProbeOptions)).toThrow(message);
  });
});

describe('breakerProbeHandler: what each result line and log line says', () => {
  it('reports a missing document, and the one check it ran, line by line', async () => {
    // Prepare
    healthy = false;
    // Act
    const result = await probe()();
    // Assess
    expect(result).toEqual({
      dependencies: [
        {
          dependency: 'edna',
          parameterName: NAME,
          before: 'missing',
          after: 'missing',
          wrote: undefined,
          checks: [expect.objectContaining({ healthy: false })],
          failures: 1,
          successes: 0,
        },
      ],
    });
  });

  it('reports a document readers refuse as repairable', async () => {
    // Prepare
    ssm.put(NAME, '{garbage');
    // Act + Assess
    expect((await probe()()).dependencies[0]).toMatchObject({ before: 'repairable', after: 'repairable' });
  });

  it("reports a document written for another dependency as repairable, not as this one's state", async () => {
    // Prepare: billing's open document at edna's parameter (a copy-paste in a deployment)
    ssm.put(NAME, breakerDoc('billing', 'open'));
    // Act + Assess
    expect((await probe()()).dependencies[0]).toMatchObject({ before: 'repairable', after: 'repairable' });
  });

  it('an unreadable document: skipped, logged with the error, and the invocation fails saying how many calls failed', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    ssm.throttleNext(1);
    const logger = recordingLogger();
    const run = probe({ logger });
    // Act
    const failure = await run().then(
      () => undefined,
      (error: unknown) => error as AggregateError,
    );
    // Assess
    expect(failure?.message).toBe('breaker probe: 1 SSM call(s) failed; see the logs');
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: 'Breaker probe could not read the document; not writing this round',
      attributes: expect.objectContaining({
        dependency: 'edna',
        parameterName: NAME,
        error: expect.objectContaining({ name: 'ThrottlingException' }),
      }),
    });
    // The SDK's stack says nothing an operator needs here, and the probe logs on every run.
    const [line] = logger.lines;
    expect(line?.attributes?.error).not.toHaveProperty('stack');
  });

  it('says what it wrote, with the counters, in an info line without an error', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    healthy = false;
    const logger = recordingLogger();
    // Act
    await probe({ logger, failureThreshold: 1 })();
    // Assess
    expect(logger.lines).toEqual([
      {
        level: 'info',
        message: 'Breaker probe wrote open',
        attributes: { dependency: 'edna', parameterName: NAME, failures: 1, successes: 0 },
      },
    ]);
  });

  it('a closed document carries no retryAt', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'open'));
    // Act
    await probe({ successThreshold: 1 })();
    // Assess
    expect(stored()?.state).toBe('closed');
    expect(stored()).not.toHaveProperty('retryAt');
  });

  it('leaves a state another writer reached first, and says so', async () => {
    // Act: another probe opens it during the check that would open
    const third = await thirdRunWhileWritten(
      breakerDoc('edna', 'open', { writtenBy: { kind: 'probe', id: 'other' } }),
    );
    // Assess
    expect(ssm.calls.PutParameter).toBe(0);
    expect(third.dependencies[0]).toMatchObject({
      after: 'open',
      wrote: undefined,
      skipped: 'written-by-another',
    });
  });

  it('still writes when another writer left a document readers refuse, and then reports no skip', async () => {
    // Act: another writer leaves garbage during the check that would open
    const third = await thirdRunWhileWritten('{garbage');
    // Assess
    expect(stored()?.state).toBe('open');
    expect(third.dependencies[0]).toMatchObject({ after: 'open', wrote: 'open' });
    expect(third.dependencies[0]).not.toHaveProperty('skipped');
  });
});

describe('breakerProbeHandler: rounds within the time left', () => {
  // Two dependencies: the slower one's timeout (2 s) decides whether another round fits.
  const twoRounds = () =>
    probe({
      checksPerInvocation: 2,
      checkIntervalMs: 10,
      dependencies: [
        { name: 'edna', check, timeoutMs: 100 },
        { name: 'billing', check, timeoutMs: 2_000 },
      ],
    });
  const left = (ms: number) => ({ getRemainingTimeInMillis: () => ms });

  it.each([
    // needed = interval 10 + the longest timeout 2,000 + 1,000 = 3,010 ms
    [3_010, 2],
    [3_009, 1],
  ])('with %i ms left it runs %i round(s)', async (remaining, rounds) => {
    // Act
    const result = await twoRounds()({}, left(remaining));
    // Assess
    expect(result.dependencies[0]?.checks).toHaveLength(rounds);
  });
});
