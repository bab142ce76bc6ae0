// The rule catalog and the validated-libraries list are data (catalog/*.json); this gives them types.

import libraries from './catalog/libraries.json' with { type: 'json' };
import rules from './catalog/rules.json' with { type: 'json' };
import type { Severity } from './Finding.js';

/**
 * One rule of the catalog: what it finds, why it matters, and how to fix it.
 * @example
 * const rule: RuleInfo = ruleInfo('retry-unbounded');
 */
export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  /** Group in the playbook's audit summary. */
  readonly area: string;
  readonly title: string;
  /** What is wrong and why it matters, for the reader of an alert: a few sentences, at most WHY_MAX_CHARS. */
  readonly why: string;
  /** What the rule reports, where, and what it leaves alone: the detail behind `why`, shown apart from it. */
  readonly reported: string;
  readonly impact: string;
  readonly fix: string;
  /** Effort to fix one occurrence: S (minutes, a local change), M (an hour or so), L (a design change). */
  readonly effort: 'S' | 'M' | 'L';
  readonly references: readonly string[];
  readonly example: { readonly before: string; readonly after: string };
}

/**
 * One entry of the validated-libraries list.
 * @example
 * const advice: LibraryAdvice | undefined = LIBRARIES.use[0];
 */
export interface LibraryAdvice {
  readonly name: string;
  readonly for?: string;
  readonly why: string;
}

/**
 * Every rule, in catalog order (data: catalog/rules.json).
 * @example
 * for (const r of RULES) console.log(r.id, r.severity, r.title);
 */
export const RULES: readonly RuleInfo[] = rules.rules as readonly RuleInfo[];

/**
 * Libraries Bulwark recommends (`use`) and advises against (`avoid`) (data: catalog/libraries.json).
 * @example
 * LIBRARIES.use.map((l) => l.name);
 */
export const LIBRARIES: { readonly use: readonly LibraryAdvice[]; readonly avoid: readonly LibraryAdvice[] } =
  libraries;

/**
 * The longest a rule's `why` may be: it is the SARIF `fullDescription` GitHub shows beside every alert, so it
 * says what is wrong and why in a few sentences; the detail of what is recognised goes in `reported`.
 * @example
 * RULES.every((r) => r.why.length <= WHY_MAX_CHARS);
 */
export const WHY_MAX_CHARS = 600;

/**
 * What is wrong with a catalog entry's texts: an empty list when its `why` is present and short, and its
 * `reported`, `impact` and `fix` are present.
 * @example
 * expect(ruleTextProblems(ruleInfo('http-no-timeout'))).toEqual([]);
 */
export function ruleTextProblems(rule: Partial<RuleInfo>): string[] {
  const problems: string[] = [];
  const id = rule.id ?? '(no id)';
  for (const field of ['why', 'reported', 'impact', 'fix'] as const) {
    const text = rule[field];
    if (typeof text !== 'string' || text.trim() === '') problems.push(`${id}: no ${field}`);
  }
  if (typeof rule.why === 'string' && rule.why.length > WHY_MAX_CHARS)
    problems.push(
      `${id}: why is ${rule.why.length} characters, over ${WHY_MAX_CHARS}; move the detail of what is reported to \`reported\``,
    );
  return problems;
}

const byId = new Map(RULES.map((rule) => [rule.id, rule]));

/**
 * The catalog entry of a rule id; throws a TypeError for an unknown id.
 * @example
 * ruleInfo('http-no-timeout').fix;
 */
export function ruleInfo(id: string): RuleInfo {
  const rule = byId.get(id);
  if (rule === undefined) throw new TypeError(`unknown rule id: ${JSON.stringify(id)}`);
  return rule;
}

/**
 * Is `id` a rule of the catalog?
 * @example
 * isRuleId('http-no-timeout'); // true
 */
export function isRuleId(id: string): boolean {
  return byId.has(id);
}
