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
  readonly why: string;
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

export function isRuleId(id: string): boolean {
  return byId.has(id);
}
