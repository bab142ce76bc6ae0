// How sure a finding is. A rule's base comes from its precision on real code it had never seen
// (packages/cli/eval/RESULTS.md: public repositories labelled by reading, scored once on arrival); a finding
// moves from there by what is known about it alone.

/**
 * `high`: act on it (its rule was right 85 % or more on unseen code); `medium`: most are real, read it
 * first; `low`: fewer than half of its rule's findings were real on unseen code: check it before acting.
 * @example
 * const sure = (f: Finding) => f.confidence === 'high';
 */
export type Confidence = 'high' | 'medium' | 'low';

/** A style rule: about 60 % of its findings were judged worth fixing by a reviewer (issue 17). */
const STYLE = new Set(['console-logging']);

/**
 * Each rule's findings on code no rule had been fitted to: the sets of public repositories labelled by
 * reading and scored once, on arrival (eval/RESULTS.md: the round 17/18, 19/20/21, 24, 26, 29 and 31 held-aside
 * sets, the round-32 held-aside set with one placement aligned (RESULTS.md, round 32), the round-33 to round-64
 * sets as scored, and the round-21, round-24 and round-26 arrivals, 357 repositories). Working-set figures are not used: the rules
 * were fitted to them, and they run 0.2-0.5 higher than the same rules on unseen code.
 */
const UNSEEN: Readonly<Record<string, { readonly tp: number; readonly fp: number }>> = {
  'batch-no-partial-failure': { tp: 164, fp: 310 },
  'floating-promise': { tp: 154, fp: 43 },
  'http-no-timeout': { tp: 1255, fp: 65 },
  'iac-gateway-timeout-exceeds-lambda': { tp: 463, fp: 43 },
  'iac-missing-dlq': { tp: 664, fp: 159 },
  'iac-no-event-archive': { tp: 30, fp: 5 },
  'iac-no-reserved-concurrency': { tp: 218, fp: 69 },
  'infra-error-as-auth': { tp: 67, fp: 21 },
  'insert-no-upsert': { tp: 30, fp: 96 },
  'no-retry': { tp: 278, fp: 194 },
  'promise-all-no-partial': { tp: 32, fp: 33 },
  'random-id-nondeterministic': { tp: 46, fp: 62 },
  'retry-no-jitter': { tp: 76, fp: 36 },
  'retry-unbounded': { tp: 30, fp: 15 },
  'sdk-client-no-timeout': { tp: 3081, fp: 152 },
  'swallowed-error': { tp: 1172, fp: 893 },
};

/**
 * A rule's base confidence from its unseen-code precision: `high` at 0.85 or more over 15 or more
 * findings, `low` under 0.5 over 5 or more, `medium` otherwise (including too few findings to tell).
 * @example
 * baseOf('http-no-timeout'); // 'high' (645 of 675 real)
 */
export function baseOf(rule: string): Confidence {
  if (STYLE.has(rule)) return 'low';
  const seen = UNSEEN[rule];
  if (seen === undefined) return 'medium';
  const n = seen.tp + seen.fp;
  const precision = n === 0 ? 0 : seen.tp / n;
  if (n >= 15 && precision >= 0.85) return 'high';
  if (n >= 5 && precision < 0.5) return 'low';
  return 'medium';
}

const LOWER: Readonly<Record<Confidence, Confidence>> = { high: 'medium', medium: 'low', low: 'low' };

/**
 * One finding's confidence: its rule's base, one step lower when the finding reports less than the rule
 * does at its own severity (a `maxReceiveCount` above the limit rather than no redrive at all), `low`
 * when it rests on something the scan could not read (an SDK client's options from a Lambda layer), and
 * `high` when the same problem is seen both in code and in a template beside it (twins.ts).
 * @example
 * confidenceOf('http-no-timeout', { lowered: false, twinned: false }); // 'high'
 */
export function confidenceOf(
  rule: string,
  seen: { lowered: boolean; twinned: boolean; unread?: boolean },
): Confidence {
  // Options from a module the scan could not find (a Lambda layer, a path alias): a guess, said as one.
  if (seen.unread === true) return 'low';
  if (seen.twinned) return 'high';
  const base = baseOf(rule);
  return seen.lowered ? LOWER[base] : base;
}
