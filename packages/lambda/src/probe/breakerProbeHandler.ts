// The scheduled Lambda that is the fleet breaker's only automatic writer: it checks each dependency's
// health, applies hysteresis, and writes a document to SSM only when the fleet state should change.
// The SSM SDK and @bulwark/policies are loaded on first invocation, so the @bulwark/lambda root entry does
// not load them for sqsHandler / httpHandler users.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { redactText, serializeError } from '@bulwark/errors';
import type { BreakerStateDocument, SharedStateLogger } from '@bulwark/policies';
import type {
  BreakerProbeOptions,
  BreakerProbeResult,
  ProbeDependencyResult,
} from './BreakerProbeOptions.js';
import { type NormalizedProbe, normalizeProbeOptions, type Target } from './normalizeProbeOptions.js';
import { decideTransition, type ProbeBaseline, type ProbeCounters, recordCheck } from './probeHysteresis.js';
import { type HealthCheckResult, runHealthCheck } from './runHealthCheck.js';

export type {
  BreakerProbeOptions,
  BreakerProbeResult,
  ProbeDependency,
  ProbeDependencyResult,
} from './BreakerProbeOptions.js';
export { DEFAULT_BREAKER_PROBE } from './BreakerProbeOptions.js';
export type { HealthCheck, HealthCheckContext, HealthCheckResult } from './runHealthCheck.js';

/**
 * The scheduled probe handler (EventBridge `rate(1 minute)`): the fleet breaker's only automatic writer.
 *
 * Per invocation it reads each dependency's document (one GetParameter each), runs
 * `checksPerInvocation` rounds of health checks, and writes `open` after `failureThreshold`
 * consecutive failures or `closed` after `successThreshold` consecutive successes, only when that is
 * a change, after a fresh re-read. It never writes over `forced-open` / `forced-closed`, nor over a
 * document of an unknown version. An SSM failure is logged and rethrown (as one AggregateError) once
 * every dependency has been handled, so the Lambda's Errors metric shows it.
 *
 * @throws TypeError at construction for invalid options, naming the field and the value.
 * @example
 * ```ts
 * import { breakerProbeHandler } from '@bulwark/lambda';
 * export const handler = breakerProbeHandler({
 *   dependencies: [{ name: 'edna', url: 'https://edna.internal/health' }],
 *   parameterPrefix: '/bulwark/breakers/',
 * });
 * ```
 */
export function breakerProbeHandler(
  options: BreakerProbeOptions,
): (event?: unknown, context?: { getRemainingTimeInMillis(): number }) => Promise<BreakerProbeResult> {
  const o = normalizeProbeOptions(options);
  // Kept across warm invocations. Losing it (a cold start) only delays a transition, never causes one.
  const counters = new Map<string, ProbeCounters>(
    o.targets.map((t) => [t.name, { failures: 0, successes: 0 }]),
  );
  let client: SSMClient | undefined = options.client;

  return async (_event, context) => {
    client ??= new (await import('@aws-sdk/client-ssm')).SSMClient({});
    const ssm = client;
    const { readBreakerParameter, writeBreakerParameter } = await import('@bulwark/policies');
    const readBaseline = async (t: Target): Promise<ProbeBaseline> => {
      const read = await readBreakerParameter(ssm, t.parameterName, { dependency: t.name });
      if (!read.found) return 'missing';
      if (read.result.ok) return read.result.document.state;
      return read.result.problem === 'unknown-version' ? 'foreign' : 'repairable';
    };
    const errors: unknown[] = [];
    const lines = await Promise.all(
      o.targets.map(async (t) => {
        const line: MutableLine = {
          dependency: t.name,
          parameterName: t.parameterName,
          // Stryker disable next-line StringLiteral: a failed read always rejects the invocation (AggregateError), so no returned line carries it
          before: 'unreadable',
          after: 'unreadable',
          wrote: undefined,
          checks: [],
          failures: 0,
          successes: 0,
        };
        try {
          line.before = line.after = await readBaseline(t);
        } catch (error: unknown) {
          errors.push(error);
          log(
            o.logger,
            'warn',
            'Breaker probe could not read the document; not writing this round',
            t,
            error,
          );
        }
        return line;
      }),
    );

    for (let round = 0; round < o.checksPerInvocation; round++) {
      if (round > 0) {
        const maxTimeout = Math.max(...o.targets.map((t) => t.timeoutMs));
        const needed = o.checkIntervalMs + maxTimeout + 1000;
        if (context !== undefined && context.getRemainingTimeInMillis() < needed) break;
        await new Promise((resolve) => setTimeout(resolve, o.checkIntervalMs));
      }
      await Promise.all(
        o.targets.map(async (t, i) => {
          const line = lines[i]!;
          try {
            await checkAndDecide(t, line);
          } /* Stryker disable BlockStatement,CallExpression,StringLiteral: unreachable today: checkAndDecide handles its SSM errors, and the check, the hysteresis and log never throw; kept so a future throw stays with its dependency */ catch (error: unknown) {
            // Whatever went wrong with one dependency stays with it: the others are still checked and written.
            errors.push(error);
            log(o.logger, 'warn', 'Breaker probe could not handle this dependency this round', t, error);
          }
        }),
      );
    }
    // Stryker restore BlockStatement,CallExpression,StringLiteral
    if (errors.length > 0) {
      throw new AggregateError(errors, `breaker probe: ${errors.length} SSM call(s) failed; see the logs`);
    }
    return { dependencies: lines };

    async function checkAndDecide(t: Target, line: MutableLine): Promise<void> {
      const result = await runHealthCheck(t.name, t.check, t.timeoutMs);
      line.checks.push(result);
      const c = counters.get(t.name)!;
      recordCheck(c, result.healthy);
      line.failures = c.failures;
      line.successes = c.successes;
      if (line.after === 'unreadable') {
        // Stryker disable next-line StringLiteral: a failed read always rejects the invocation (AggregateError), so no returned line carries it
        line.skipped = 'unreadable';
        return;
      }
      const decision = decideTransition(line.after, c, o);
      if (!decision.write) {
        if (decision.why === 'forced' || decision.why === 'foreign') line.skipped = decision.why;
        return;
      }
      try {
        // SSM has no compare-and-set: re-read right before writing, so an operator's force made
        // since the first read wins (the window left is one round trip).
        const fresh = await readBaseline(t);
        // Stryker disable next-line ConditionalExpression: an unchanged document decides the same again, so the write goes ahead and the skip is deleted either way
        if (fresh !== line.after) {
          line.after = fresh;
          line.skipped =
            fresh === 'forced-open' || fresh === 'forced-closed' ? 'forced' : 'written-by-another';
          // Already at the state we would write (another writer got there first) decides "no write" too.
          if (decideTransition(fresh, c, o).write === false) return;
        }
        await writeBreakerParameter(ssm, t.parameterName, documentFor(t, decision.state, c, result, o));
        line.after = decision.state;
        line.wrote = decision.state;
        delete line.skipped;
        log(o.logger, 'info', `Breaker probe wrote ${decision.state}`, t, undefined, {
          failures: c.failures,
          successes: c.successes,
        });
      } catch (error: unknown) {
        errors.push(error);
        log(o.logger, 'warn', 'Breaker probe could not write the document', t, error);
      }
    }
  };
}

type MutableLine = {
  -readonly [K in keyof ProbeDependencyResult]: K extends 'checks'
    ? HealthCheckResult[]
    : ProbeDependencyResult[K];
};

function documentFor(
  t: Target,
  state: 'open' | 'closed',
  c: ProbeCounters,
  last: HealthCheckResult,
  o: NormalizedProbe,
): BreakerStateDocument {
  const now = Date.now();
  const iso = new Date(now).toISOString();
  // Stryker disable next-line StringLiteral: every unhealthy check result carries a detail (error, status, timeout or false)
  const lastDetail = last.detail ?? 'unhealthy';
  return {
    version: 1,
    dependency: t.name,
    state,
    since: iso,
    ...(state === 'open' ? { retryAt: new Date(now + o.retryAfterMs).toISOString() } : {}),
    reason:
      state === 'open'
        ? redactText(`${c.failures} consecutive failed health checks; last: ${lastDetail}`, 1000)
        : `${c.successes} consecutive healthy checks`,
    writtenBy: { kind: 'probe', id: o.probeId },
    updatedAt: iso,
  };
}

function log(
  logger: SharedStateLogger,
  level: 'warn' | 'info',
  message: string,
  t: Target,
  error: unknown,
  extra: Record<string, unknown> = {},
): void {
  try {
    logger[level](message, {
      dependency: t.name,
      parameterName: t.parameterName,
      ...(error === undefined ? {} : { error: serializeError(error, { stack: false }) }),
      ...extra,
    });
  } catch {
    // A broken logger must not stop the probe.
  }
}
