// Runs one user check within its time bound. A check that hangs counts as failed after `timeoutMs` (the
// probe answers on time); a check that throws reports its error's name only.

import { redactText } from '@bulwark/errors';
import type { CheckResult } from './HealthReport.js';

/**
 * A user check: resolves (to anything but `false`) when healthy; throws, rejects or returns `false` when not.
 *
 * @example
 * ```ts
 * import { createService, type HealthCheck } from '@bulwark/service';
 * const ping: HealthCheck = async ({ signal }) => {
 *   await fetch('http://localhost:5432/', { signal });
 * };
 * createService().check('postgres', ping);
 * ```
 */
export type HealthCheck = (context: { readonly signal: AbortSignal }) => unknown;

/**
 * Which probe a check belongs to, and whether its failure fails the probe.
 *
 * @example
 * ```ts
 * import { createService, type CheckRegistration } from '@bulwark/service';
 * const registration: CheckRegistration = { probe: 'readiness', critical: false };
 * createService().check('cache', async () => {}, registration);
 * ```
 */
export interface CheckRegistration {
  /** @defaultValue `'readiness'` */
  readonly probe?: 'liveness' | 'readiness' | 'startup';
  /** A failing optional check makes the probe `degraded`, not failed. @defaultValue true */
  readonly critical?: boolean;
}

export interface RegisteredCheck {
  readonly name: string;
  readonly probe: 'liveness' | 'readiness' | 'startup';
  readonly critical: boolean;
  readonly run: HealthCheck;
}

function errorName(error: unknown): string {
  if (error instanceof Error) return redactText(error.name, 60);
  return error === undefined || error === null ? String(error) : typeof error;
}

export async function runCheck(check: RegisteredCheck, timeoutMs: number): Promise<CheckResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const base = { name: check.name, critical: check.critical };
  try {
    const outcome = await Promise.race([
      Promise.resolve().then(() => check.run({ signal: controller.signal })),
      timedOut,
    ]);
    if (outcome === 'timeout') {
      controller.abort(new Error(`check ${check.name} timed out after ${timeoutMs} ms`));
      return { ...base, ok: false, error: 'timeout' };
    }
    return outcome === false ? { ...base, ok: false, error: 'returned false' } : { ...base, ok: true };
  } catch (error) {
    return { ...base, ok: false, error: errorName(error) };
  } finally {
    clearTimeout(timer);
  }
}
