// The scheduled Lambda that is the fleet breaker's only automatic writer: it checks each dependency's
// health, applies hysteresis, and writes a document to SSM only when the fleet state should change.
// The SSM SDK and @bulwark/policies are loaded on first invocation, so the @bulwark/lambda root entry does
// not load them for sqsHandler / httpHandler users.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { describeValue, MAX_TIMER_MS, readOptions, redactText, serializeError } from '@bulwark/errors';
import type { BreakerStateDocument, FleetBreakerState, SharedStateLogger } from '@bulwark/policies';
import { decideTransition, type ProbeBaseline, type ProbeCounters, recordCheck } from './probeHysteresis.js';
import { PROBE_DEFAULT_PREFIX, probeParameterName } from './probeParameterName.js';
import { type HealthCheck, type HealthCheckResult, runHealthCheck, urlCheck } from './runHealthCheck.js';

export type { HealthCheck, HealthCheckContext, HealthCheckResult } from './runHealthCheck.js';

/**
 * One dependency the probe checks. Give `check` (resolves = healthy; throws, resolves `false` or a
 * non-2xx `Response` = unhealthy) or `url` (a GET that must answer 2xx).
 *
 * @example
 * ```ts
 * import type { ProbeDependency } from '@bulwark/lambda';
 * const edna: ProbeDependency = { name: 'edna', url: 'https://edna.internal/health', timeoutMs: 1500 };
 * const db: ProbeDependency = { name: 'orders-db', check: async ({ signal }) => pingDb({ signal }) };
 * declare function pingDb(o: { signal: AbortSignal }): Promise<void>;
 * ```
 */
export interface ProbeDependency {
  /** The dependency name, as given to `wrapDependency`; also the last segment of its parameter. */
  readonly name: string;
  /** The health check. Exactly one of `check` and `url`. */
  readonly check?: HealthCheck;
  /** A URL to GET; 2xx is healthy. Exactly one of `check` and `url`. */
  readonly url?: string | URL;
  /** @defaultValue the probe's `timeoutMs` */
  readonly timeoutMs?: number;
  /** @defaultValue `parameterPrefix` + `name` */
  readonly parameterName?: string;
}

/**
 * Options for {@link breakerProbeHandler}.
 *
 * @example
 * ```ts
 * import { breakerProbeHandler } from '@bulwark/lambda';
 * export const handler = breakerProbeHandler({
 *   dependencies: [{ name: 'edna', url: 'https://edna.internal/health' }],
 *   parameterPrefix: '/bulwark/breakers/',
 *   failureThreshold: 3,
 *   successThreshold: 2,
 * });
 * ```
 */
export interface BreakerProbeOptions {
  readonly dependencies: readonly ProbeDependency[];
  /**
   * The SSM path under which each dependency's parameter is `<prefix><name>`.
   * @defaultValue '/bulwark/breakers/'
   */
  readonly parameterPrefix?: string;
  /**
   * Consecutive failed checks before the probe writes `open`.
   * @defaultValue 3
   */
  readonly failureThreshold?: number;
  /**
   * Consecutive healthy checks before the probe writes `closed` again.
   * @defaultValue 2
   */
  readonly successThreshold?: number;
  /**
   * Checks of every dependency per invocation, `checkIntervalMs` apart. With
   * `checksPerInvocation >= max(failureThreshold, successThreshold)` one invocation can decide alone,
   * so no decision depends on a warm instance; counters kept across warm invocations only add evidence.
   * @defaultValue 3
   */
  readonly checksPerInvocation?: number;
  /**
   * Time between two rounds of checks within one invocation.
   * @defaultValue 5000
   */
  readonly checkIntervalMs?: number;
  /**
   * Each health check's own timeout.
   * @defaultValue 2000
   */
  readonly timeoutMs?: number;
  /**
   * `retryAt` of an `open` document: now + this. Set it to the schedule's period (the next probe).
   * @defaultValue 60
   */
  readonly retryAfterSeconds?: number;
  /** @defaultValue `$AWS_LAMBDA_FUNCTION_NAME`, else 'bulwark-probe' */
  readonly probeId?: string;
  /** @defaultValue `new SSMClient({})` */
  readonly client?: SSMClient;
  /** @defaultValue globalThis.fetch (for `url` checks) */
  readonly fetch?: typeof fetch;
  /** @defaultValue `console` (JSON lines) */
  readonly logger?: SharedStateLogger;
}

/**
 * The defaults of {@link BreakerProbeOptions}.
 *
 * @example
 * ```ts
 * import { DEFAULT_BREAKER_PROBE } from '@bulwark/lambda';
 * console.log(DEFAULT_BREAKER_PROBE.failureThreshold); // 3
 * ```
 */
export const DEFAULT_BREAKER_PROBE = Object.freeze({
  parameterPrefix: PROBE_DEFAULT_PREFIX,
  failureThreshold: 3,
  successThreshold: 2,
  checksPerInvocation: 3,
  checkIntervalMs: 5000,
  timeoutMs: 2000,
  retryAfterSeconds: 60,
} as const);

/**
 * What one invocation saw and did, per dependency.
 *
 * @example
 * ```ts
 * import type { BreakerProbeResult } from '@bulwark/lambda';
 * declare const result: BreakerProbeResult;
 * for (const d of result.dependencies) console.log(d.dependency, d.before, '->', d.after, d.wrote);
 * ```
 */
export interface BreakerProbeResult {
  readonly dependencies: readonly ProbeDependencyResult[];
}

/**
 * One dependency's line in {@link BreakerProbeResult}.
 *
 * @example
 * ```ts
 * import type { ProbeDependencyResult } from '@bulwark/lambda';
 * const line: ProbeDependencyResult = {
 *   dependency: 'edna', parameterName: '/bulwark/breakers/edna', before: 'closed', after: 'open',
 *   wrote: 'open', checks: [], failures: 3, successes: 0,
 * };
 * ```
 */
export interface ProbeDependencyResult {
  readonly dependency: string;
  readonly parameterName: string;
  /** The document's state when the invocation began (`unreadable` when SSM failed). */
  readonly before: ProbeBaseline | 'unreadable';
  readonly after: ProbeBaseline | 'unreadable';
  /** The state written, if any (at most one write per change). */
  readonly wrote: FleetBreakerState | undefined;
  readonly checks: readonly HealthCheckResult[];
  readonly failures: number;
  readonly successes: number;
  /** Why nothing was written, when the checks alone would have written. */
  readonly skipped?: 'forced' | 'foreign' | 'unreadable' | 'written-by-another';
}

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
  const o = normalize(options);
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
          } catch (error: unknown) {
            // Whatever went wrong with one dependency stays with it: the others are still checked and written.
            errors.push(error);
            log(o.logger, 'warn', 'Breaker probe could not handle this dependency this round', t, error);
          }
        }),
      );
    }
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
        if (fresh !== line.after) {
          line.after = fresh;
          line.skipped =
            fresh === 'forced-open' || fresh === 'forced-closed' ? 'forced' : 'written-by-another';
          if (fresh === decision.state || decideTransition(fresh, c, o).write === false) return;
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

interface Target {
  readonly name: string;
  readonly parameterName: string;
  readonly check: HealthCheck;
  readonly timeoutMs: number;
}

interface NormalizedProbe {
  readonly targets: readonly Target[];
  readonly failureThreshold: number;
  readonly successThreshold: number;
  readonly checksPerInvocation: number;
  readonly checkIntervalMs: number;
  readonly retryAfterMs: number;
  readonly probeId: string;
  readonly logger: SharedStateLogger;
}

function documentFor(
  t: Target,
  state: 'open' | 'closed',
  c: ProbeCounters,
  last: HealthCheckResult,
  o: NormalizedProbe,
): BreakerStateDocument {
  const now = Date.now();
  const iso = new Date(now).toISOString();
  return {
    version: 1,
    dependency: t.name,
    state,
    since: iso,
    ...(state === 'open' ? { retryAt: new Date(now + o.retryAfterMs).toISOString() } : {}),
    reason:
      state === 'open'
        ? redactText(
            `${c.failures} consecutive failed health checks; last: ${last.detail ?? 'unhealthy'}`,
            1000,
          )
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

const consoleLogger: SharedStateLogger = {
  warn: (message, attributes) => console.warn(JSON.stringify({ level: 'WARN', message, ...attributes })),
  info: (message, attributes) => console.info(JSON.stringify({ level: 'INFO', message, ...attributes })),
};

const OPTION_KEYS = [
  'dependencies',
  'parameterPrefix',
  'failureThreshold',
  'successThreshold',
  'checksPerInvocation',
  'checkIntervalMs',
  'timeoutMs',
  'retryAfterSeconds',
  'probeId',
  'client',
  'fetch',
  'logger',
] as const;
const DEPENDENCY_KEYS = ['name', 'check', 'url', 'timeoutMs', 'parameterName'] as const;

function normalize(given: BreakerProbeOptions): NormalizedProbe {
  if (typeof given !== 'object' || given === null) {
    throw new TypeError(`breakerProbeHandler: options must be an object, got ${String(given)}`);
  }
  // Read once: unknown keys (`failThreshold`) refused with the nearest valid one; getters read once.
  const options = readOptions('breakerProbeHandler', given, OPTION_KEYS) as unknown as BreakerProbeOptions;
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const m = { ...DEFAULT_BREAKER_PROBE, ...defined } as Required<
    Pick<BreakerProbeOptions, keyof typeof DEFAULT_BREAKER_PROBE>
  >;
  for (const field of ['failureThreshold', 'successThreshold', 'checksPerInvocation'] as const) {
    if (!Number.isInteger(m[field]) || m[field] < 1) {
      throw new TypeError(`breakerProbeHandler: "${field}" must be an integer >= 1, got ${String(m[field])}`);
    }
  }
  for (const field of ['checkIntervalMs', 'timeoutMs', 'retryAfterSeconds'] as const) {
    // Each becomes a timer (or a retryAt): past Node's timer limit a timeout fires after 1 ms, and the
    // probe would write `open` for a healthy dependency.
    const max = field === 'retryAfterSeconds' ? MAX_TIMER_MS / 1000 : MAX_TIMER_MS;
    if (typeof m[field] !== 'number' || !(m[field] >= 0 && m[field] <= max)) {
      throw new TypeError(
        `breakerProbeHandler: "${field}" must be a number >= 0 and <= ${max}, got ${describeValue(m[field])}`,
      );
    }
  }
  if (m.timeoutMs === 0) throw new TypeError('breakerProbeHandler: "timeoutMs" must be > 0, got 0');
  if (!Array.isArray(options.dependencies) || options.dependencies.length === 0) {
    throw new TypeError(
      `breakerProbeHandler: "dependencies" must be a non-empty array, got ${JSON.stringify(options.dependencies)}`,
    );
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const seen = new Set<string>();
  const targets = options.dependencies.map((given, i): Target => {
    const at = `dependencies[${i}]`;
    const d = readOptions('breakerProbeHandler', given, DEPENDENCY_KEYS, at) as unknown as ProbeDependency;
    let parameterName: string;
    try {
      // The name is checked even with an explicit parameterName: it is written into the document.
      const derived = probeParameterName(m.parameterPrefix, d.name);
      parameterName = d.parameterName ?? derived;
    } catch (error: unknown) {
      throw new TypeError(`breakerProbeHandler: ${at}: ${(error as Error).message}`);
    }
    if (seen.has(d.name)) throw new TypeError(`breakerProbeHandler: ${at}: "name" "${d.name}" appears twice`);
    seen.add(d.name);
    if ((d.check === undefined) === (d.url === undefined)) {
      throw new TypeError(`breakerProbeHandler: ${at} ("${d.name}"): give exactly one of "check" and "url"`);
    }
    if (d.check !== undefined && typeof d.check !== 'function') {
      throw new TypeError(`breakerProbeHandler: ${at}: "check" must be a function, got ${typeof d.check}`);
    }
    if (d.url !== undefined && !URL.canParse(String(d.url))) {
      throw new TypeError(`breakerProbeHandler: ${at}: "url" is not a URL: ${JSON.stringify(String(d.url))}`);
    }
    const timeoutMs = d.timeoutMs ?? m.timeoutMs;
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
      throw new TypeError(
        `breakerProbeHandler: ${at}: "timeoutMs" must be > 0 and <= ${MAX_TIMER_MS}, got ${describeValue(timeoutMs)}`,
      );
    }
    return {
      name: d.name,
      parameterName,
      check: d.check ?? urlCheck(d.url!, fetchImpl),
      timeoutMs,
    };
  });
  return {
    targets,
    failureThreshold: m.failureThreshold,
    successThreshold: m.successThreshold,
    checksPerInvocation: m.checksPerInvocation,
    checkIntervalMs: m.checkIntervalMs,
    retryAfterMs: m.retryAfterSeconds * 1000,
    probeId: options.probeId ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bulwark-probe',
    logger: options.logger ?? consoleLogger,
  };
}
