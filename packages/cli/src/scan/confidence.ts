// How sure a finding is. A rule's base comes from its precision on real code (packages/cli/eval/RESULTS.md:
// public repositories labelled by hand); a finding moves from there by what is known about it alone.

/**
 * `high`: act on it; `medium`: most are real, read it first; `low`: often right, seldom urgent.
 * @example
 * const sure = (f: Finding) => f.confidence === 'high';
 */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * Rules at precision >= 0.95 over 5 or more labelled places in the working set of public repositories
 * (eval/RESULTS.md, rounds 1 and 2): their findings start `high`. Every other rule has fewer labels there
 * (or, `swallowed-error`, a lower precision: 0.75) and starts `medium`.
 */
const MEASURED = new Set([
  'sdk-client-no-timeout',
  'iac-missing-dlq',
  'batch-no-partial-failure',
  'http-no-timeout',
  'iac-gateway-timeout-exceeds-lambda',
]);
/** A style rule: about 60 % of its findings were judged worth fixing by a reviewer (issue 17). */
const STYLE = new Set(['console-logging']);

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
  const base: Confidence = STYLE.has(rule) ? 'low' : MEASURED.has(rule) ? 'high' : 'medium';
  return seen.lowered ? LOWER[base] : base;
}
