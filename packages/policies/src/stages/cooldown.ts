// Cooldown after pushback: once the dependency answers a 429 (or AWS throttling) with a Retry-After, every
// call of this dependency in this process holds until that time has passed, not only the call that got
// the answer; otherwise concurrent and later calls go on and collect more 429s. A call waits when the
// cooldown ends within the first half of its remaining time (total timeout, deadline), else it is
// refused at once with a
// DependencyDownError ('throttled', the remaining retryAfterMs): HTTP 503, never 401/403, never counted
// toward the breaker. On by default; the hint is capped at `maxMs` (120 s, the Retry-After clamp).

import {
  clampRetryAfterMs,
  DependencyDownError,
  MIN_RETRY_HINT_MS,
  optionError,
  readOptions,
} from '@bulwark/errors';
import type { CooldownEvent } from '../Dependency.js';
import { DEFAULT_DEPENDENCY_OPTIONS as D } from '../options/defaults.js';
import { readNumber } from '../options/readNumber.js';
import { type Bounds, type InternalOptions, latestStart, stackless } from '../pipeline/call.js';
import { holdThen } from '../pipeline/holdThen.js';
import type { Outcome } from '../pipeline/Outcome.js';
import type { Telemetry } from '../telemetry/Telemetry.js';

/**
 * Cooldown after pushback (on by default; `cooldown: false` turns it off).
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * // Hold every call for at most 30 s after a 429 with Retry-After (default: 120 s).
 * const edna = wrapDependency('edna', { cooldown: { maxMs: 30_000 } });
 * ```
 */
export interface CooldownOptions {
  /** The longest hold a single Retry-After can start, in ms (>= 1, <= MAX_TIMER_MS). Default 120 000. */
  readonly maxMs?: number;
}

export interface NormalizedCooldown {
  readonly maxMs: number;
}

export function normalizeCooldown(owner: string, value: unknown): NormalizedCooldown | undefined {
  if (value === false) return undefined;
  if (value !== undefined && (typeof value !== 'object' || value === null)) {
    throw optionError(owner, 'cooldown', value, 'an object or false');
  }
  const c = readOptions(owner, value, ['maxMs'], 'cooldown');
  return {
    maxMs: readNumber(owner, 'cooldown.maxMs', c.maxMs, D.cooldown.maxMs, { min: 1, duration: true }),
  };
}

export class CooldownStage {
  readonly #name: string;
  readonly #maxMs: number;
  readonly #t: Telemetry;
  /** Epoch ms until which calls hold; 0 when no cooldown was ever started. */
  until = 0;
  /** How long the last pushback asked for: held calls are released spread over as long again. */
  #spreadMs = 0;

  constructor(name: string, options: NormalizedCooldown, telemetry: Telemetry) {
    this.#name = name;
    this.#maxMs = options.maxMs;
    this.#t = telemetry;
  }

  /** A throttling answer with a hint arrived at `now`: hold every call until the hint has passed. */
  pushback(hintMs: number, now: number): void {
    if (!(hintMs > 0)) return;
    const end = now + Math.min(hintMs, this.#maxMs);
    if (end <= this.until) return;
    this.until = end;
    this.#spreadMs = end - now;
    const t = this.#t;
    t.cooldowns++;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: only skips building the event when nobody listens (emit to no listener is a no-op)
    if (t.cooldownE.size > 0) {
      const event: CooldownEvent = { dependency: this.#name, retryAfterMs: end - now };
      t.cooldownE.emit(event);
    }
  }

  /**
   * When a call held at `now` may go, at most `endAt`: the cooldown's end plus a random share of the last
   * pushback's length, so held calls do not all hit the dependency in the same millisecond (each checks
   * the cooldown again before it goes: a renewed pushback holds the rest).
   */
  releaseAt(latest: number, random: () => number = Math.random): number {
    const room = Math.min(this.#spreadMs, latest - this.until);
    // Stryker disable next-line EqualityOperator: with no room, until + floor(random() x 0) is until
    return room > 0 ? this.until + Math.floor(random() * room) : this.until;
  }

  /**
   * Holds a call that arrives during the cooldown: waits until it ends and then runs `next` (which
   * checks again), or refuses at once when the cooldown outlasts the call's time. A caller's signal ends
   * the wait with its reason; a deadline signal ends it as a timeout.
   */
  hold<T, F>(
    now: number,
    bounds: Bounds,
    options: InternalOptions<T> | undefined,
    outcome: Outcome<F>,
    next: () => Promise<T | F>,
  ): Promise<T | F> {
    const latest = latestStart(now, bounds.endAt);
    if (this.until > latest) return outcome.refusal(this.#refusal(this.until - now), options);
    this.#t.held++;
    return holdThen(this.releaseAt(latest) - now, bounds, options, outcome, next);
  }

  #refusal(leftMs: number): DependencyDownError {
    const dependency = this.#name;
    return stackless(
      () =>
        new DependencyDownError(`${dependency}: cooling down after the dependency asked to slow down`, {
          dependency,
          reason: 'throttled',
          retryAfterMs: clampRetryAfterMs(leftMs, MIN_RETRY_HINT_MS),
        }),
    );
  }
}
