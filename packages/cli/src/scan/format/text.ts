// The terminal report: one block per finding (rule, severity, place, what, impact, fix), then a summary.
import { ruleInfo } from '../catalog.js';
import { type ScanResult, SEVERITIES } from '../Finding.js';

/**
 * One line: files, time, findings per severity, ignored findings and file problems.
 * @example
 * console.error(summaryLine(await scan()));
 */
export function summaryLine(result: ScanResult): string {
  const counts = SEVERITIES.map((s) => `${result.findings.filter((f) => f.severity === s).length} ${s}`).join(
    ', ',
  );
  const local = result.ignored.filter((f) => f.localOnly === true).length;
  const extra = [
    result.ignored.length > 0
      ? `${result.ignored.length} ignored${local > 0 ? ` (${local} only run locally (sam local, serverless offline, cdklocal), not deployed)` : ''}`
      : '',
    result.problems.length > 0
      ? `${result.problems.length} file problem${result.problems.length === 1 ? '' : 's'}`
      : '',
  ].filter(Boolean);
  return `bulwark scan: ${result.filesScanned} files in ${(result.durationMs / 1000).toFixed(2)} s, ${result.findings.length} findings (${counts})${extra.length > 0 ? `; ${extra.join(', ')}` : ''}`;
}

/**
 * The terminal report: one block per finding (place, severity, rule, what, impact, fix) and a summary.
 * @example
 * process.stdout.write(toText(await scan()));
 */
export function toText(result: ScanResult): string {
  const out: string[] = [];
  for (const f of result.findings) {
    const rule = ruleInfo(f.rule);
    out.push(`${f.file}:${f.line}:${f.column}  ${f.severity.toUpperCase()}  ${f.rule}`);
    out.push(`  what:   ${f.message}`);
    out.push(`  impact: ${rule.impact}`);
    out.push(`  fix:    ${rule.fix}`);
    out.push('');
  }
  for (const p of result.problems) out.push(`${p.file}: ${p.kind}: ${p.message}`);
  if (result.problems.length > 0) out.push('');
  out.push(summaryLine(result));
  return `${out.join('\n')}\n`;
}
