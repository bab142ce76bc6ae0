// HARDENING-PLAYBOOK.md: audit summary by area, findings by severity with file links, the recommended
// architecture, recommended libraries, and a prioritized plan with effort.
import { LIBRARIES, RULES, type RuleInfo, ruleInfo } from '../catalog.js';
import { type Finding, type ScanResult, SEVERITIES, severityRank } from '../Finding.js';
import { findTwins } from '../twins.js';
import { ruleDocsUrl, SCAN_DOCS_URL } from './docsLink.js';

/**
 * Options of `toMarkdown()`.
 * @example
 * toMarkdown(result, { linkBase: 'https://github.com/acme/app/blob/main/' });
 */
export interface MarkdownOptions {
  /** Prefix for file links, e.g. a GitHub blob URL; relative links when omitted. */
  readonly linkBase?: string;
}

const EFFORT_HOURS = { S: 0.25, M: 1, L: 4 } as const;
const EFFORT_LABEL = { S: 'small', M: 'medium', L: 'large' } as const;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function link(f: Finding, base: string): string {
  return `[${f.file}:${f.line}](${base}${f.file.split('/').map(encodeURIComponent).join('/')}#L${f.line})`;
}

function byRule(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = map.get(f.rule);
    if (list === undefined) map.set(f.rule, [f]);
    else list.push(f);
  }
  return map;
}

const ARCHITECTURE: readonly { readonly area: string; readonly text: string }[] = [
  {
    area: 'Outbound calls',
    text: 'Every dependency (HTTP API, AWS service, database) goes through one `wrapDependency(name, options)` declared at module scope: a per-attempt and total timeout, retries with jittered backoff only for transient failures and within a retry budget, a circuit breaker whose state is shared across Lambda instances (`sharedState`), and a bulkhead where concurrency must be capped. AWS SDK clients get a `NodeHttpHandler` with `connectionTimeout`, `requestTimeout` and `throwOnRequestTimeout: true`.',
  },
  {
    area: 'Outbound calls',
    text: 'The Lambda deadline flows down: `withDeadline(context, fn)` (done for you by `sqsHandler` / `httpHandler`) bounds every call inside by the remaining time, so nothing runs past the function timeout.',
  },
  {
    area: 'Error handling',
    text: 'Errors are classified once (`classify` from `@bulwark/errors`): transient and dependency-down errors become 503 with `Retry-After`, permanent errors 4xx; only token problems become 401/403. Nothing is caught without being rethrown, reported or turned into a deliberate fallback.',
  },
  {
    area: 'Batch & async processing',
    text: 'Queue and stream consumers handle one record at a time through `sqsHandler` (or Powertools `BatchProcessor`) and report `batchItemFailures`; the event source has `ReportBatchItemFailures`. All work is awaited before the handler returns.',
  },
  {
    area: 'Idempotency',
    text: 'Every consumer and every retried write is idempotent: keys derive from the message or business id, writes are upserts or conditional, and Powertools idempotency (DynamoDB table with TTL) guards side effects.',
  },
  {
    area: 'Infrastructure',
    text: 'Each queue has a DLQ with an alarm (`maxReceiveCount` of 5 to 10 where a Lambda event source polls it, 3 or less for other consumers); async and stream sources have on-failure destinations; custom event buses have archives; queue consumers have a concurrency cap; API-facing functions time out before API Gateway does.',
  },
  {
    area: 'Observability',
    text: 'Structured JSON logs with the request id and dependency name (Powertools Logger), passed to Bulwark as `logger` so retries, breaker transitions and timeouts are visible.',
  },
];

/**
 * Hours for one rule's findings: the first few at full effort, the rest at a quarter (the same fix done
 * again goes faster), so a repository's count of one habit (console calls) cannot dominate the plan.
 */
function ruleHours(rule: RuleInfo, count: number): number {
  const full = Math.min(count, FULL_EFFORT_FINDINGS);
  const repeated = count - full;
  return Math.max(0.25, EFFORT_HOURS[rule.effort] * (full + repeated / 4));
}
const FULL_EFFORT_FINDINGS = 5;

/** The folder a finding belongs to: its file's directory (a service, a function, a stack). */
function componentOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '.' : file.slice(0, slash);
}

/** Findings per component (folder), worst first: where to start, and which handler needs what. */
function findingsByComponent(findings: readonly Finding[], out: string[]): void {
  if (findings.length === 0) return;
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = componentOf(f.file);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [f]);
    else list.push(f);
  }
  const rank = (list: readonly Finding[]) =>
    SEVERITIES.map((s) => list.filter((f) => f.severity === s).length);
  const ordered = [...groups].sort((a, b) => {
    const ra = rank(a[1]);
    const rb = rank(b[1]);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return (rb[i] ?? 0) - (ra[i] ?? 0);
    return a[0] < b[0] ? -1 : 1;
  });
  out.push('## Findings by component', '');
  out.push('| Component | Critical | High | Medium | Rules |', '| --- | --- | --- | --- | --- |');
  for (const [component, list] of ordered) {
    const [c, h, m] = rank(list);
    const rules = [...new Set(list.map((f) => f.rule))].map((r) => `\`${r}\``).join(', ');
    out.push(`| \`${cell(component)}\` | ${c} | ${h} | ${m} | ${rules} |`);
  }
  out.push('');
}

/**
 * The architecture items for the areas this scan found problems in, worst area first, each with what was
 * found there; areas with no findings are named in one line rather than lectured about.
 */
function recommendedArchitecture(findings: readonly Finding[], out: string[]): void {
  out.push('## Recommended architecture', '');
  const inArea = (area: string) => findings.filter((f) => ruleInfo(f.rule).area === area);
  const areaWeight = (area: string) => Math.min(...inArea(area).map((f) => severityRank(f.severity)), 9);
  const areas = [...new Set(ARCHITECTURE.map((a) => a.area))];
  const withFindings = areas
    .filter((a) => inArea(a).length > 0)
    .sort((a, b) => areaWeight(a) - areaWeight(b));
  for (const area of withFindings) {
    const seen = [...byRule(inArea(area))].map(([id, list]) => `${list.length} \`${id}\``).join(', ');
    out.push(`### ${area} (found: ${seen})`, '');
    for (const item of ARCHITECTURE.filter((a) => a.area === area)) out.push(`- ${item.text}`);
    out.push('');
  }
  const clean = areas.filter((a) => inArea(a).length === 0);
  if (clean.length > 0) out.push(`No findings in: ${clean.join(', ')}.`, '');
}

/**
 * HARDENING-PLAYBOOK.md: audit summary by area, findings by severity, architecture, libraries, plan.
 * @example
 * writeFileSync('HARDENING-PLAYBOOK.md', toMarkdown(await scan(), { linkBase: 'https://github.com/acme/app/blob/main/' }));
 */
export function toMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const base = options.linkBase ?? '';
  const out: string[] = [];
  const counts = SEVERITIES.map((s) => `${result.findings.filter((f) => f.severity === s).length} ${s}`).join(
    ', ',
  );
  out.push('# Hardening playbook', '');
  out.push(
    `Generated by \`bulwark scan\` over ${result.filesScanned} files: ${result.findings.length} findings (${counts}).${SCAN_DOCS_URL !== undefined ? ` Rules and fixes: [docs/scan.md](${SCAN_DOCS_URL}).` : ''}`,
    '',
  );

  // Audit summary by area.
  out.push('## Audit summary', '');
  out.push('| Area | Critical | High | Medium | Status |', '| --- | --- | --- | --- | --- |');
  const areas = [...new Set(RULES.map((r) => r.area))];
  for (const area of areas) {
    const inArea = result.findings.filter((f) => ruleInfo(f.rule).area === area);
    const n = (s: string) => inArea.filter((f) => f.severity === s).length;
    const status =
      n('critical') > 0
        ? 'fix now'
        : n('high') > 0
          ? 'needs work'
          : n('medium') > 0
            ? 'minor gaps'
            : 'no findings';
    out.push(`| ${area} | ${n('critical')} | ${n('high')} | ${n('medium')} | ${status} |`);
  }
  out.push('');

  // Findings by severity, grouped by rule.
  // The same problem seen in code and in a template beside it is one entry (twins.ts).
  out.push('## Findings by severity', '');
  if (result.findings.length === 0) out.push('No findings.', '');
  const twins = findTwins(result.findings);
  const merged = new Set<Finding>();
  for (const f of result.findings)
    if (!merged.has(f)) for (const twin of twins.get(f) ?? []) merged.add(twin);
  for (const severity of SEVERITIES) {
    const list = result.findings.filter((f) => f.severity === severity && !merged.has(f));
    if (list.length === 0) continue;
    out.push(`### ${severity[0]?.toUpperCase()}${severity.slice(1)} (${list.length})`, '');
    for (const [id, findings] of byRule(list)) {
      const rule = ruleInfo(id);
      // The rule's id links to its section of docs/scan.md, where what it reports is spelled out.
      const docs = ruleDocsUrl(id, SCAN_DOCS_URL);
      out.push(
        `#### ${docs !== undefined ? `[\`${id}\`](${docs})` : `\`${id}\``}: ${rule.title} (${findings.length})`,
        '',
      );
      out.push(`**Why.** ${rule.why}`, '', `**Impact.** ${rule.impact}`, '', `**Fix.** ${rule.fix}`, '');
      for (const f of findings) {
        const also = (twins.get(f) ?? []).map((t) => link(t, base));
        const seen = also.length > 0 ? ` Also seen in ${also.join(', ')}.` : '';
        out.push(`- ${link(f, base)} (confidence: ${f.confidence}): ${f.message}${seen}`);
      }
      out.push('');
    }
  }

  findingsByComponent(result.findings, out);
  recommendedArchitecture(result.findings, out);

  out.push('## Recommended libraries', '');
  out.push('| Use | For | Why |', '| --- | --- | --- |');
  for (const lib of LIBRARIES.use)
    out.push(`| \`${lib.name}\` | ${cell(lib.for ?? '')} | ${cell(lib.why)} |`);
  out.push('', '| Avoid | Why |', '| --- | --- |');
  for (const lib of LIBRARIES.avoid) out.push(`| ${cell(lib.name)} | ${cell(lib.why)} |`);
  out.push('');

  // Prioritized plan: severity first, then the most findings per hour of work.
  out.push('## Prioritized plan', '');
  const steps = [...byRule(result.findings)].map(([id, findings]) => {
    const rule: RuleInfo = ruleInfo(id);
    const severity = findings.reduce(
      (s, f) => (severityRank(f.severity) < severityRank(s) ? f.severity : s),
      findings[0]?.severity ?? rule.severity,
    );
    const hours = ruleHours(rule, findings.length);
    return { rule, findings, severity, hours };
  });
  steps.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      b.findings.length / b.hours - a.findings.length / a.hours,
  );
  if (steps.length === 0)
    out.push('Nothing to do: keep `bulwark scan --fail-on high` in CI so it stays that way.', '');
  else {
    out.push('| # | Step | Severity | Findings | Effort |', '| --- | --- | --- | --- | --- |');
    steps.forEach((s, i) => {
      const effort = `${EFFORT_LABEL[s.rule.effort]} (~${s.hours < 1 ? `${Math.round(s.hours * 60)} min` : `${Math.round(s.hours * 10) / 10} h`})`;
      out.push(
        `| ${i + 1} | ${cell(`${s.rule.title}: ${s.rule.fix}`)} | ${s.severity} | ${s.findings.length} | ${effort} |`,
      );
    });
    out.push('');
    const total = steps.reduce((t, s) => t + s.hours, 0);
    out.push(
      `Estimated total: about ${Math.ceil(total)} hour${Math.ceil(total) === 1 ? '' : 's'} of focused work. Add \`bulwark scan --fail-on high\` to CI once the critical and high steps are done.`,
      '',
    );
  }

  if (result.ignored.length > 0) {
    out.push('## Ignored findings', '');
    for (const f of result.ignored)
      out.push(`- ${link(f, base)} \`${f.rule}\`: ${f.reason || '(no reason given)'}`);
    out.push('');
  }
  if (result.problems.length > 0) {
    out.push('## Files not scanned', '');
    for (const p of result.problems) out.push(`- \`${p.file}\`: ${p.kind}: ${p.message}`);
    out.push('');
  }
  return out.join('\n');
}
