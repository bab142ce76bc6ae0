// The fleet figure: how many requests reach a DOWN dependency from 50 cold instances, with each instance
// learning alone (local breaker only) and with the probe-written shared state read from SSM.
// Real wrapDependency, real AWS SDK + Powertools against the SSM emulator (msw), a real HTTP server on
// 127.0.0.1 answering 503. The retry/breaker settings are wrapDependency's defaults.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSMClient } from '@aws-sdk/client-ssm';
import { isDependencyDownError } from '@bulwark/errors';
import { breakerProbeHandler } from '@bulwark/lambda';
import { type SharedBreakerState, ssmBreakerState, wrapDependency } from '@bulwark/policies';
import { LOCAL_CREDENTIALS, ssmEmulator, startMswServer } from '@bulwark/testing';
import type { Benchmark, BenchSize } from '../harness.js';

const PARAMETER = '/bulwark/breakers/edna';
const INSTANCES = 50;

interface Row {
  readonly scenario: string;
  readonly requestsReachingDependency: number;
  readonly perInstance: number;
  readonly failedFast: number;
  readonly ssmGetParameter: number;
  readonly firstCallP50Ms: number;
  readonly firstCallMaxMs: number;
  readonly wallMs: number;
}

const silent = { warn: () => undefined, info: () => undefined };

function client(): SSMClient {
  return new SSMClient({ region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

async function startDownDependency() {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.writeHead(503).end('down');
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    reset: () => {
      hits = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const fleet: Benchmark = {
  name: 'fleet',
  async run(size: BenchSize) {
    const callsPerInstance = size === 'tiny' ? 6 : 20;
    const ssm = ssmEmulator({ region: 'us-east-1' });
    const msw = startMswServer(...ssm.handlers);
    const dependency = await startDownDependency();
    const rows: Row[] = [];
    try {
      // The probe sees the outage and writes `open` (three failed checks in one invocation).
      const probe = breakerProbeHandler({
        dependencies: [{ name: 'edna', url: `${dependency.url}/health` }],
        checksPerInvocation: 3,
        checkIntervalMs: 1,
        client: client(),
        logger: silent,
      });
      await probe();

      const scenarios: {
        name: string;
        shared: (() => SharedBreakerState) | undefined;
        before?: () => void;
      }[] = [
        { name: 'local breaker only (no shared state)', shared: undefined },
        {
          name: 'shared state, probe wrote open',
          shared: () =>
            ssmBreakerState({ parameterName: PARAMETER, maxAgeSeconds: 5, client: client(), logger: silent }),
        },
        {
          name: 'shared state, SSM throttling every read (fail-static)',
          before: () => ssm.throttleNext(1_000_000),
          shared: () =>
            ssmBreakerState({ parameterName: PARAMETER, maxAgeSeconds: 5, client: client(), logger: silent }),
        },
      ];

      for (const scenario of scenarios) {
        dependency.reset();
        const probeReads = ssm.calls.GetParameter;
        scenario.before?.();
        let failedFast = 0;
        const firstCallMs: number[] = [];
        const started = performance.now();
        await Promise.all(
          Array.from({ length: INSTANCES }, async () => {
            const sharedState = scenario.shared?.();
            const edna = wrapDependency('edna', {
              ...(sharedState === undefined ? {} : { sharedState }),
              // Tiny is a smoke run: shorter backoff keeps it fast. Full uses the defaults throughout.
              ...(size === 'tiny' ? { retry: { backoff: { initialDelayMs: 5, maxDelayMs: 20 } } } : {}),
              logger: false,
            });
            for (let call = 0; call < callsPerInstance; call++) {
              const t0 = performance.now();
              try {
                await edna.fetch(`${dependency.url}/api`);
              } catch (error: unknown) {
                if (isDependencyDownError(error)) failedFast++;
              }
              if (call === 0) firstCallMs.push(performance.now() - t0);
            }
          }),
        );
        ssm.throttleNext(0);
        const reached = dependency.hits();
        rows.push({
          scenario: scenario.name,
          requestsReachingDependency: reached,
          perInstance: reached / INSTANCES,
          failedFast,
          ssmGetParameter: ssm.calls.GetParameter - probeReads,
          firstCallP50Ms: percentile(firstCallMs, 50),
          firstCallMaxMs: percentile(firstCallMs, 100),
          wallMs: performance.now() - started,
        });
      }
    } finally {
      msw.close();
      await dependency.close();
    }

    const without = rows[0]?.requestsReachingDependency ?? 0;
    const withShared = rows[1]?.requestsReachingDependency ?? Number.NaN;
    return {
      tables: [
        {
          title: `Requests reaching a down dependency from ${INSTANCES} cold instances (${callsPerInstance} calls each)`,
          columns: [
            'scenario',
            'requests to dependency',
            'per instance',
            'failed fast',
            'SSM GetParameter',
            'first call p50 ms',
            'first call max ms',
            'wall ms',
          ],
          rows: rows.map((r) => [
            r.scenario,
            r.requestsReachingDependency,
            r.perInstance,
            r.failedFast,
            r.ssmGetParameter,
            r.firstCallP50Ms,
            r.firstCallMaxMs,
            r.wallMs,
          ]),
          notes: [
            `Goal: with the probe's open in SSM, a cold fleet sends the down dependency nothing. Measured: ${withShared} ` +
              `(${without} without shared state; wrapDependency defaults: 3 attempts, retry budget, breaker at 5 failures).`,
            'The first call of each instance waits for one SSM read (bounded by readTimeoutMs, 300 ms default); ' +
              'when SSM throttles, calls go on with the local breaker and match the no-shared-state row.',
            'All 50 instances share one event loop here, so first-call times include queueing behind 49 other ' +
              'SDK clients; a Lambda instance has its own CPU.',
          ],
        },
      ],
      data: { instances: INSTANCES, callsPerInstance, rows },
    };
  },
};

export default fleet;
