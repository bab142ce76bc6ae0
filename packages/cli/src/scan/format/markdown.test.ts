// The playbook renders the sections a team works from, with links to the findings.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../scan.js';
import { toMarkdown } from './markdown.js';

const corpus = join(import.meta.dirname, '../../../fixtures/corpus');

describe('toMarkdown', () => {
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
      '## Recommended architecture',
      '## Recommended libraries',
      '## Prioritized plan',
    ]);
    expect(md).toContain('| Area | Critical | High | Medium | Status |');
    expect(md).toContain('| Infrastructure |');
    expect(md).toMatch(/### Critical \(\d+\)/);
    expect(md).toMatch(/### High \(\d+\)/);
    expect(md).toMatch(/### Medium \(\d+\)/);
    expect(md).toContain('](https://github.com/acme/orders/blob/main/lambda/ordersConsumer.ts#L4)');
    expect(md).toContain('| `@bulwark/policies` |');
    expect(md).toMatch(/\| 1 \| [^|]+ \| critical \| \d+ \| (small|medium|large) \(~/);
    expect(md).toContain('Estimated total: about');
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
