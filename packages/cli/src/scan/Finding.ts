// The shape every rule reports, and what a whole scan returns.
import type { Confidence } from './confidence.js';

export type { Confidence } from './confidence.js';

/**
 * How bad a finding is in production, most severe first.
 * @example
 * SEVERITIES.indexOf('high'); // 1
 */
export const SEVERITIES = ['critical', 'high', 'medium'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/**
 * The order a report lists findings in: most severe first, then by file, line, column and rule, so two
 * scans of the same tree print the same report.
 * @example
 * findings.sort(byReportOrder);
 */
export function byReportOrder(
  a: Pick<Finding, 'severity' | 'file' | 'line' | 'column' | 'rule'>,
  b: Pick<Finding, 'severity' | 'file' | 'line' | 'column' | 'rule'>,
): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : 1)
  );
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/**
 * One problem found in one place.
 * @example
 * const line = (f: Finding) => `${f.file}:${f.line}:${f.column} ${f.rule}`;
 */
export interface Finding {
  /** Stable rule id from the catalog (also the SARIF rule id). */
  readonly rule: string;
  readonly severity: Severity;
  /** Path relative to the scan root, with forward slashes. */
  readonly file: string;
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  /** What was found, in this place. */
  readonly message: string;
  /** The source line, trimmed; part of the fingerprint, so the finding survives edits above it. */
  readonly snippet: string;
  /** How sure the scan is (confidence.ts): from the rule's precision on real code and this finding's facts. */
  readonly confidence: Confidence;
}

/**
 * A file the scan could not use, and why; the scan goes on without it.
 * @example
 * for (const p of (await scan()).problems) console.error(`${p.file}: ${p.message}`);
 */
export interface ScanProblem {
  readonly file: string;
  readonly kind:
    | 'parse-error'
    | 'binary'
    | 'too-large'
    | 'unreadable'
    | 'symlink-loop'
    | 'symlink-outside-root'
    | 'not-a-file'
    | 'too-deep'
    | 'browser-code'
    | 'analysis-error'
    | 'not-found';
  readonly message: string;
}

/**
 * What a scan returns.
 * @example
 * const { findings, problems } = await scan();
 */
export interface ScanResult {
  /** Absolute scan root; finding paths are relative to it. */
  readonly root: string;
  readonly findings: readonly Finding[];
  readonly problems: readonly ScanProblem[];
  /**
   * Findings silenced by `bulwark-ignore` comments, with the reason given, and (`localOnly`) those of
   * templates only run locally (`sam local`, `serverless offline`) that nothing in the repository deploys,
   * and of the modules of a CDK app only `cdklocal` runs (iac/localCdkApps.ts).
   */
  readonly ignored: readonly (Finding & { readonly reason: string; readonly localOnly?: true })[];
  readonly filesScanned: number;
  readonly durationMs: number;
}
