// The playbook renders the sections a team works from, with links to the findings.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleInfo } from '../catalog.js';
import type { Finding } from '../Finding.js';
import { scan } from '../scan.js';
import { SCAN_DOCS_URL } from './docsLink.js';
import { toMarkdown } from './markdown.js';

const corpus = join(import.meta.dirname, '../../../fixtures/corpus');

describe('toMarkdown', () => {
  // A whole-corpus scan (over 1,000 files): past the project's 30 s on a loaded machine.
  it('renders the audit summary, findings by severity, architecture, libraries and the plan', async () => {
    // Prepare
    const result = await scan({ root: corpus, workers: 0 });

    // Act
    const md = toMarkdown(result, { linkBase: 'https://github.com/acme/orders/blob/main/' });

    // Assess
    const headings = md.split('\n').filter((l) => /^##? /.test(l));
    expect(headings).toEqual([
      '# Hardening playbook',
      '## Audit summary',
      '## Findings by severity',
      '## Findings by component',
      '## Recommended architecture',
      '## Recommended libraries',
      '## Prioritized plan',
      // The corpus's local-harness templates: only `sam local` and `serverless offline` run them.
      '## Ignored findings',
      // The corpus's one browser package (nested-lambda-packages/storefront), skipped while its Lambda packages are read.
      '## Files not scanned',
    ]);
    expect(md).toContain('nested-lambda-packages/storefront');
    expect(md).toContain('| Area | Critical | High | Medium | Status |');
    expect(md).toContain('| Infrastructure |');
    expect(md).toMatch(/### Critical \(\d+\)/);
    expect(md).toMatch(/### High \(\d+\)/);
    expect(md).toMatch(/### Medium \(\d+\)/);
    expect(md).toContain('](https://github.com/acme/orders/blob/main/lambda/ordersConsumer.ts#L4)');
    expect(md).toContain('| `@bulwark/policies` |');
    expect(md).toMatch(/\| 1 \| [^|]+ \| critical \| \d+ \| (small|medium|large) \(~/);
    expect(md).toContain('Estimated total: about');
  }, 120_000);

  it("heads each rule's findings with its why, impact and fix, and links the rule to its docs section", () => {
    // Prepare
    const rule = ruleInfo('sdk-client-no-timeout');
    const finding: Finding = {
      rule: rule.id,
      severity: 'high',
      file: 'svc/orders/a.ts',
      line: 1,
      column: 1,
      message: 'm',
      snippet: 's',
      confidence: 'high',
    };
    const result = {
      root: '/x',
      problems: [],
      ignored: [],
      filesScanned: 1,
      durationMs: 1,
      findings: [finding],
    };

    // Act
    const md = toMarkdown(result);

    // Assess
    expect(md).toContain(`#### [\`${rule.id}\`](${SCAN_DOCS_URL}#${rule.id}): ${rule.title} (1)`);
    expect(md).toContain(`**Why.** ${rule.why}\n\n**Impact.** ${rule.impact}\n\n**Fix.** ${rule.fix}`);
    expect(md).not.toContain(rule.reported);
    expect(md).toContain(`[docs/scan.md](${SCAN_DOCS_URL})`);
  });

  it('groups findings by component and recommends only for the areas with findings, saying what was found', () => {
    // Prepare
    const finding = (rule: string, file: string, severity: Finding['severity']): Finding => ({
      rule,
      severity,
      file,
      line: 1,
      column: 1,
      message: 'm',
      snippet: 's',
      confidence: 'high',
    });
    const base = { root: '/x', problems: [], ignored: [], filesScanned: 2, durationMs: 1 };
    const sdkOnly = { ...base, findings: [finding('sdk-client-no-timeout', 'svc/orders/a.ts', 'high')] };
    const queueOnly = { ...base, findings: [finding('iac-missing-dlq', 'infra/template.yaml', 'critical')] };

    // Act
    const a = toMarkdown(sdkOnly);
    const b = toMarkdown(queueOnly);

    // Assess
    expect(a).toContain('| `svc/orders` | 0 | 1 | 0 | `sdk-client-no-timeout` |');
    expect(a).toContain('### Outbound calls (found: 1 `sdk-client-no-timeout`)');
    expect(a).not.toContain('### Infrastructure');
    expect(b).toContain('### Infrastructure (found: 1 `iac-missing-dlq`)');
    expect(b).not.toContain('### Outbound calls');
    expect(a.slice(a.indexOf('## Recommended architecture'))).not.toEqual(
      b.slice(b.indexOf('## Recommended architecture')),
    );
  });

  it('does not let the count of one habit dominate the estimated effort', () => {
    // Prepare: 200 modules with console calls and one queue without a DLQ.
    const findings: Finding[] = Array.from({ length: 200 }, (_, i) => ({
      rule: 'console-logging',
      severity: 'medium' as const,
      file: `src/m${i}.ts`,
      line: 1,
      column: 1,
      message: 'm',
      snippet: 's',
      confidence: 'low' as const,
    }));

    // Act
    const md = toMarkdown({
      root: '/x',
      findings,
      problems: [],
      ignored: [],
      filesScanned: 200,
      durationMs: 1,
    });

    // Assess: 5 at full effort, 195 at a quarter, not 200 x full.
    const row = md.split('\n').find((l) => l.includes('| medium | 200 |'));
    const hours = Number(/~([\d.]+) h/.exec(row ?? '')?.[1]);
    const full = 200 * (md.includes('small (~') ? 0.25 : 1);
    expect(hours).toBeLessThan(full / 3);
  });

  it('says so when there is nothing to fix', () => {
    // Act
    const md = toMarkdown({
      root: '/x',
      findings: [],
      problems: [],
      ignored: [],
      filesScanned: 3,
      durationMs: 1,
    });

    // Assess
    expect(md).toContain('No findings.');
    expect(md).toContain('Nothing to do');
    expect(md).toContain('| Outbound calls | 0 | 0 | 0 | no findings |');
  });
});
