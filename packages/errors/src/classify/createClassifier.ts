// Builds a classifier: the service's rules first, then Bulwark's recognisers, over every link of the
// error chain. Whatever it is given, the returned function never throws.

import type { Classification, ErrorKindName, FailureReasonName } from '../Classification.js';
import { redactText } from '../redact/redactText.js';
import type { ClassifierOptions, NormalizedClassifierOptions } from './ClassifierOptions.js';
import { normalizeClassifierOptions } from './ClassifierOptions.js';
import type { ClassifierRule } from './ClassifierRule.js';
import { recogniseAbort } from './recognisers/abort.js';
import { recogniseAws } from './recognisers/aws.js';
import { recogniseCockatiel } from './recognisers/cockatiel.js';
import { recogniseHttpResponse } from './recognisers/httpResponse.js';
import { recogniseFetchFailed, recogniseNetwork } from './recognisers/network.js';
import { recogniseResilienceError } from './recognisers/resilience.js';
import { recogniseTls } from './recognisers/tls.js';
import { recogniseValidation } from './recognisers/validation.js';
import { readString } from './safeRead.js';
import type { Recogniser, RecogniserContext, Verdict } from './Verdict.js';
import { toClassification } from './Verdict.js';
import { validateRules } from './validateRules.js';
import { walkChain } from './walkChain.js';

// Order matters within one link: the more specific shape first (an AWS error also has a `name`
// TimeoutError might match; a TLS handshake reset also has code ECONNRESET).
const RECOGNISERS: readonly Recogniser[] = [
  recogniseResilienceError,
  recogniseCockatiel,
  recogniseAws,
  recogniseHttpResponse,
  recogniseValidation,
  recogniseTls,
  recogniseNetwork,
  recogniseAbort,
  recogniseFetchFailed,
];

// Reads nothing from the error, so it cannot throw where the guarded reads somehow did.
// Stryker disable next-line ObjectLiteral,StringLiteral: used only if decide() throws, which no input reaches (every read is guarded), so no test can observe it
const LAST_RESORT: Verdict = { kind: 'permanent', reason: 'unknown', message: 'an unrecognised failure' };

const DEFAULT_REASON: Readonly<Record<ErrorKindName, FailureReasonName>> = {
  transient: 'server-error',
  'dependency-down': 'circuit-open',
  permanent: 'unknown',
  cancelled: 'cancelled',
};

/**
 * A classifier function, as {@link createClassifier} returns and `classify` is.
 *
 * @example
 * ```ts
 * import { createClassifier, type Classifier } from '@bulwark/errors';
 * const classifyVendor: Classifier = createClassifier([{ match: (e) => e instanceof VendorError, kind: 'transient' }]);
 * ```
 */
export type Classifier = (error: unknown) => Classification;

/**
 * Builds a classifier that tries your `rules` first (on every link of the error chain), then Bulwark's
 * defaults. Rules are validated now: a malformed one throws a `TypeError` naming its index and field.
 *
 * @example
 * ```ts
 * import { createClassifier } from '@bulwark/errors';
 * class VendorError extends Error { vendorCode = 'BUSY'; }
 * const classify = createClassifier([
 *   { name: 'vendor busy', match: (e) => e instanceof VendorError && e.vendorCode === 'BUSY', kind: 'transient', reason: 'throttled', retryAfterMs: 500 },
 * ]);
 * classify(new VendorError('busy')).retryable; // true
 * ```
 */
export function createClassifier(rules: readonly ClassifierRule[], options?: ClassifierOptions): Classifier {
  const checked = validateRules(rules);
  const settings = normalizeClassifierOptions(options);
  const context: RecogniserContext = {
    now: safeClock(settings.now),
    maxRetryAfterMs: settings.maxRetryAfterMs,
  };
  return (error: unknown): Classification => {
    try {
      return decide(error, checked, settings, context);
    } catch {
      // Unreachable by design (every read is guarded); kept so the promise "never throws" holds even
      // against a bug here.
      return toClassification(LAST_RESORT, () => ({}));
    }
  };
}

function decide(
  error: unknown,
  rules: readonly ClassifierRule[],
  settings: NormalizedClassifierOptions,
  context: RecogniserContext,
): Classification {
  const links = walkChain(error, settings.maxDepth);
  const extra = () => chainFacts(links);
  for (const link of links) {
    for (const rule of rules) {
      const verdict = applyRule(rule, link, context);
      if (verdict !== undefined) return toClassification(verdict, extra);
    }
  }
  let fallback: { verdict: Verdict; index: number } | undefined;
  for (const [index, link] of links.entries()) {
    for (const recognise of RECOGNISERS) {
      const verdict = recognise(link, context);
      if (verdict === undefined) continue;
      if (!verdict.weak) return toClassification(inheritFromCauses(verdict, links, index, context), extra);
      fallback ??= { verdict, index };
      break;
    }
  }
  if (fallback === undefined) return toClassification(unknownVerdict(error), extra);
  return toClassification(inheritFromCauses(fallback.verdict, links, fallback.index, context), extra);
}

/**
 * A wrapper that decided the kind ("retries exhausted", "edna is down") but did not say when to come
 * back takes the Retry-After and upstream status of the failure it wraps: a 429's `Retry-After: 30`
 * must still reach our caller through a DependencyDownError.
 */
function inheritFromCauses(
  verdict: Verdict,
  links: readonly unknown[],
  index: number,
  context: RecogniserContext,
): Verdict {
  if (verdict.kind !== 'transient' && verdict.kind !== 'dependency-down') return verdict;
  let { retryAfterMs, status } = verdict;
  // Stryker disable next-line MethodExpression,ArithmeticOperator: the links up to `index` gave no verdict or a weak one (fetch failed, an abort), which carries neither a wait nor a status
  for (const link of links.slice(index + 1)) {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: an early exit only: once both are known, `??=` keeps them whatever the deeper links say
    if (retryAfterMs !== undefined && status !== undefined) break;
    for (const recognise of RECOGNISERS) {
      const inner = recognise(link, context);
      if (inner === undefined) continue;
      retryAfterMs ??= inner.retryAfterMs;
      status ??= inner.status;
      break;
    }
  }
  return { ...verdict, retryAfterMs, status };
}

function applyRule(rule: ClassifierRule, link: unknown, context: RecogniserContext): Verdict | undefined {
  let matched = false;
  try {
    matched = rule.match(link) === true;
  } catch {
    // a match that throws is no match: `matched` stays false
  }
  if (!matched) return undefined;
  const retryAfterMs = clamp(callOrValue(rule.retryAfterMs, link), context.maxRetryAfterMs);
  const code = callOrValue(rule.code, link);
  return {
    kind: rule.kind,
    reason: rule.reason ?? DEFAULT_REASON[rule.kind],
    message: rule.name === undefined ? 'a classifier rule matched' : `matched rule "${rule.name}"`,
    retryAfterMs,
    code: typeof code === 'string' ? code : undefined,
    httpStatus: rule.httpStatus,
    countsTowardBreaker: rule.countsTowardBreaker,
  };
}

function callOrValue<T>(
  value: T | ((error: unknown) => T | undefined) | undefined,
  link: unknown,
): T | undefined {
  if (typeof value !== 'function') return value;
  try {
    return (value as (error: unknown) => T | undefined)(link);
  } catch {
    // a value function that throws gives no value
  }
  return undefined;
}

function clamp(ms: unknown, max: number): number | undefined {
  // Number.isFinite is false for anything but a finite number (it does not coerce '5').
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(0, ms as number), max);
}

// The dependency (from our own errors) and a machine code, wherever on the chain they are.
function chainFacts(links: readonly unknown[]): { code?: string; dependency?: string } {
  const facts: { code?: string; dependency?: string } = {};
  for (const link of links) {
    const code = readString(link, 'code');
    if (facts.code === undefined && isWellFormedCode(code)) facts.code = code;
    const dependency = readString(link, 'dependency');
    if (facts.dependency === undefined && dependency !== undefined && dependency.length <= 128) {
      // Redacted: any object can carry a `dependency`, and it is echoed in the message and in logs.
      facts.dependency = redactText(dependency, 128);
    }
  }
  return facts;
}

const CODE = /^[A-Za-z][A-Za-z0-9_]{1,63}$/;

function isWellFormedCode(code: string | undefined): code is string {
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: narrows the type only: CODE.test(undefined) would test "undefined" and set the code to undefined, a no-op
  if (code === undefined) return false;
  return CODE.test(code);
}

function unknownVerdict(error: unknown): Verdict {
  const what = describeThrown(error);
  return { kind: 'permanent', reason: 'unknown', message: `an unrecognised failure (${what})` };
}

function describeThrown(error: unknown): string {
  if (error === null) return 'null was thrown';
  if (typeof error !== 'object' && typeof error !== 'function')
    return `a non-Error ${typeof error} was thrown`;
  const name = readString(error, 'name');
  if (name !== undefined && /^[A-Za-z][A-Za-z0-9_$.]{0,63}$/.test(name)) return name;
  return 'a non-Error object was thrown';
}

function safeClock(now: () => number): () => number {
  return () => {
    let t: unknown;
    try {
      t = now();
    } catch {
      // a clock that throws is no clock: Date.now() below
    }
    return Number.isFinite(t) ? (t as number) : Date.now();
  };
}
