// Machine-readable output: findings with their catalog entry's title and fix, plus problems and counts.
import { ruleInfo } from '../catalog.js';
import { type ScanResult, SEVERITIES } from '../Finding.js';
import { fingerprints } from './fingerprint.js';

/**
 * Findings with catalog title, impact, fix and fingerprint, plus counts, ignored findings and problems.
 * @example
 * const report = toJson(await scan(), VERSION);
 */
export function toJson(result: ScanResult, version: string): object {
  const prints = fingerprints(result.findings);
  const counts = Object.fromEntries(
    SEVERITIES.map((s) => [s, result.findings.filter((f) => f.severity === s).length]),
  );
  return {
    tool: 'bulwark',
    version,
    filesScanned: result.filesScanned,
    durationMs: Math.round(result.durationMs),
    counts,
    findings: result.findings.map((f, i) => {
      const rule = ruleInfo(f.rule);
      return { ...f, title: rule.title, impact: rule.impact, fix: rule.fix, fingerprint: prints[i] };
    }),
    ignored: result.ignored,
    problems: result.problems,
  };
}
