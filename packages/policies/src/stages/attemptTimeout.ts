// One attempt: the attempt timeout (`timeout.attemptMs`, cut to the call's remaining time) around the
// caller's function, through the breaker when one is configured. The composition is chosen once, at
// construction: without a breaker an attempt never touches cockatiel.

import type { ExecuteContext } from '../Dependency.js';
import type { Bounds, CallRun } from '../pipeline/call.js';
import type { Outcome } from '../pipeline/Outcome.js';
import { otelActive } from '../telemetry/otel.js';
import type { Telemetry } from '../telemetry/Telemetry.js';
import { runAttempt } from '../timeout/runAttempt.js';
import type { BreakerStage } from './breaker.js';

/** Starts attempt `attempt` of a call at `now`; settles with its outcome. */
export type Launch = <T>(
  fn: (context: ExecuteContext) => Promise<T> | T,
  call: CallRun,
  attempt: number,
  now: number,
  bounds: Bounds,
) => Promise<T>;

/** Builds the attempt launcher; each attempt in a child span when OpenTelemetry is active. */
export function attemptLauncher(
  attemptMs: number,
  abortReason: unknown,
  outcome: Outcome<unknown>,
  telemetry: Telemetry,
  breaker: BreakerStage,
): Launch {
  const launch = untracedLauncher(attemptMs, abortReason, outcome, telemetry, breaker);
  const otel = telemetry.otel;
  if (otel === undefined) return launch;
  return (fn, call, attempt, now, bounds) =>
    otelActive()
      ? otel.attempt(attempt, () => launch(fn, call, attempt, now, bounds))
      : launch(fn, call, attempt, now, bounds);
}

/** The attempt timeout, inside the breaker when there is one. */
function untracedLauncher(
  attemptMs: number,
  abortReason: unknown,
  outcome: Outcome<unknown>,
  telemetry: Telemetry,
  breaker: BreakerStage,
): Launch {
  const timedOut = outcome.timedOut;
  const timed = <T>(
    fn: (context: ExecuteContext) => Promise<T> | T,
    call: CallRun,
    attempt: number,
    now: number,
    bounds: Bounds,
    onSettle: (() => void) | undefined,
  ): Promise<T> => {
    let timeoutMs = attemptMs;
    let outer: 'total' | 'deadline' | undefined;
    const left = bounds.endAt - now;
    if (left < timeoutMs) {
      timeoutMs = left;
      outer = bounds.endKind;
    }
    return runAttempt(fn, call, attempt, timeoutMs, now + timeoutMs, outer, abortReason, timedOut, onSettle);
  };
  if (!breaker.configured) {
    return (fn, call, attempt, now, bounds) => {
      telemetry.attempts++;
      return timed(fn, call, attempt, now, bounds, undefined);
    };
  }
  if (breaker.shadow) {
    // The call goes on whatever the circuit says; cockatiel sees it only when it would let it through.
    return (fn, call, attempt, now, bounds) => {
      telemetry.attempts++;
      if (breaker.bypasses(now)) return timed(fn, call, attempt, now, bounds, undefined);
      const onSettle = breaker.slowCallRecorder(now);
      return breaker.execute(() => timed(fn, call, attempt, now, bounds, onSettle));
    };
  }
  return (fn, call, attempt, now, bounds) => {
    telemetry.attempts++;
    const onSettle = breaker.slowCallRecorder(now);
    return breaker.execute(() => timed(fn, call, attempt, now, bounds, onSettle));
  };
}
