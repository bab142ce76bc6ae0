// The rule catalog and the validated-libraries list are data (catalog/*.json); this gives them types.

import libraries from './catalog/libraries.json' with { type: 'json' };
import rules from './catalog/rules.json' with { type: 'json' };
import type { Severity } from './Finding.js';

/** One rule of the catalog: what it finds, why it matters, and how to fix it. */
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

export interface LibraryAdvice {
  readonly name: string;
  readonly for?: string;
  readonly why: string;
}

/** Every rule, in catalog order. */
export const RULES: readonly RuleInfo[] = rules.rules as readonly RuleInfo[];

/** Libraries Bulwark recommends (`use`) and advises against (`avoid`). */
export const LIBRARIES: { readonly use: readonly LibraryAdvice[]; readonly avoid: readonly LibraryAdvice[] } =
  libraries;

const byId = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleInfo(id: string): RuleInfo {
  const rule = byId.get(id);
  if (rule === undefined) throw new TypeError(`unknown rule id: ${JSON.stringify(id)}`);
  return rule;
}

export function isRuleId(id: string): boolean {
  return byId.has(id);
}
