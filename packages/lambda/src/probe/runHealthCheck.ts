// One health check under its own timeout. A check that ignores its abort signal still loses the race.

import { redactText, serializeError } from '@bulwark/errors';

/**
 * What a health check is given.
 *
 * @example
 * ```ts
 * import type { HealthCheckContext } from '@bulwark/lambda';
 * const check = async ({ signal, dependency }: HealthCheckContext) => fetch(`https://${dependency}.internal/health`, { signal });
 * ```
 */
export interface HealthCheckContext {
  /** Aborted when the check's timeout passes. */
  readonly signal: AbortSignal;
  /** The dependency being checked. */
  readonly dependency: string;
}

/**
 * A probe's health check: resolves for healthy; throws, resolves `false`, or resolves a non-2xx `Response`
 * for unhealthy. Bounded by its timeout even when it ignores `signal`.
 *
 * @example
 * ```ts
 * import type { HealthCheck } from '@bulwark/lambda';
 * const check: HealthCheck = async ({ signal }) => fetch('https://edna.internal/health', { signal });
 * ```
 */
export type HealthCheck = (ctx: HealthCheckContext) => Promise<unknown>;

/**
 * One check's outcome, as reported in `BreakerProbeResult`.
 *
 * @example
 * ```ts
 * import type { HealthCheckResult } from '@bulwark/lambda';
 * const r: HealthCheckResult = { healthy: false, durationMs: 2000, detail: 'health check of edna timed out after 2000 ms' };
 * ```
 */
export interface HealthCheckResult {
  readonly healthy: boolean;
  readonly durationMs: number;
  /** Why it was unhealthy: the error message, the HTTP status, or the timeout. */
  readonly detail?: string;
}

export async function runHealthCheck(
  dependency: string,
  check: HealthCheck,
  timeoutMs: number,
): Promise<HealthCheckResult> {
  const started = Date.now();
  const controller = new AbortController();
  const reason = new Error(`health check of ${dependency} timed out after ${timeoutMs} ms`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(reason);
      resolve('timeout');
    }, timeoutMs);
  });
  try {
    const outcome = await Promise.race([
      Promise.resolve()
        .then(() => check({ signal: controller.signal, dependency }))
        .then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        ),
      timedOut,
    ]);
    const durationMs = Date.now() - started;
    if (outcome === 'timeout') return { healthy: false, durationMs, detail: reason.message };
    if ('error' in outcome) {
      // Whatever was thrown (Object.create(null), a revoked Proxy): described, redacted, bounded. The text
      // is the dependency's, and it ends up in logs, the SSM document and terminals.
      return { healthy: false, durationMs, detail: describeFailure(outcome.error) };
    }
    return judge(outcome.value, durationMs);
  } finally {
    clearTimeout(timer);
  }
}

/** The longest `detail` a check result carries. */
export const MAX_DETAIL_LENGTH = 500;

function describeFailure(thrown: unknown): string {
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: only name and message are read; the stack it skips is never used
  const { name, message } = serializeError(thrown, { stack: false });
  return redactText(message === '' ? name : message, MAX_DETAIL_LENGTH);
}

// A check may resolve to false, or to a fetch Response; anything else that resolves means healthy.
function judge(value: unknown, durationMs: number): HealthCheckResult {
  if (value === false) return { healthy: false, durationMs, detail: 'check returned false' };
  if (value instanceof Response) {
    void value.body?.cancel().catch(() => undefined);
    return value.ok
      ? { healthy: true, durationMs }
      : { healthy: false, durationMs, detail: `HTTP ${value.status}` };
  }
  return { healthy: true, durationMs };
}

/** A check that GETs a URL: healthy on 2xx. (Internal: built from `ProbeDependency.url`.) */
export function urlCheck(url: string | URL, fetchImpl: typeof fetch): HealthCheck {
  return ({ signal }) =>
    fetchImpl(url, { method: 'GET', signal, headers: { 'user-agent': 'bulwark-breaker-probe' } });
}
