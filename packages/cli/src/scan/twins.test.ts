// The same problem in code and in the template synthesized from it: one playbook entry, high confidence.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from './Finding.js';
import { SCAN_DOCS_URL } from './format/docsLink.js';
import { toMarkdown } from './format/markdown.js';
import { scan } from './scan.js';
import { findTwins } from './twins.js';

const fixture = join(import.meta.dirname, '../../fixtures/corpus/cdk-twins');

const finding = (file: string, message: string): Finding => ({
  rule: 'iac-missing-dlq',
  severity: 'critical',
  file,
  line: 1,
  column: 1,
  message,
  snippet: 's',
  confidence: 'high',
});

describe('findTwins', () => {
  it.each([
    [
      'the construct id plus CDK hash',
      'app/lib/stack.ts',
      'queue OrdersQueue has no',
      'app/template.yaml',
      'queue OrdersQueue1A2B3C4D has no',
      true,
    ],
    [
      'a nested construct',
      'lib/stack.ts',
      'queue PaymentsQueue has no',
      'template.yaml',
      'queue BillingPaymentsQueue0F0F0F0F has no',
      true,
    ],
    [
      'a generic id inside another name',
      'lib/stack.ts',
      'queue Queue has no',
      'template.yaml',
      'queue OrdersQueue1A2B3C4D has no',
      false,
    ],
    [
      'another implementation in a sibling folder',
      'ts/lib/stack.ts',
      'queue OrdersQueue has no',
      'python/template.yaml',
      'queue OrdersQueue1A2B3C4D has no',
      false,
    ],
    [
      'two code files',
      'a/stack.ts',
      'queue OrdersQueue has no',
      'a/other.ts',
      'queue OrdersQueue has no',
      false,
    ],
  ])('pairs %s: %s', (_name, codeFile, codeMessage, templateFile, templateMessage, paired) => {
    // Prepare
    const code = finding(codeFile, codeMessage);
    const template = finding(templateFile, templateMessage);

    // Act
    const twins = findTwins([code, template]);

    // Assess
    expect(twins.get(code)?.includes(template) ?? false).toBe(paired);
  });
});

describe('a problem seen in code and in its template', () => {
  it('is one playbook entry naming both places, and both findings are high confidence', async () => {
    // Act
    const result = await scan({ root: fixture, workers: 0 });
    const md = toMarkdown(result);

    // Assess: seen twice, both are high. (The rule is `high` on its own since the round-64 set; that a twin
    // raises a `medium` rule to high is checked in confidence.test.ts with iac-missing-dlq.)
    expect(result.findings.map((f) => [f.file, f.rule, f.confidence])).toEqual([
      ['lib/ordersStack.ts', 'iac-no-event-archive', 'high'],
      ['template.yaml', 'iac-no-event-archive', 'high'],
    ]);
    expect(md).toContain(
      `#### [\`iac-no-event-archive\`](${SCAN_DOCS_URL}#iac-no-event-archive): Custom event bus without an archive (1)`,
    );
    expect(md).toContain(
      '- [lib/ordersStack.ts:10](lib/ordersStack.ts#L10) (confidence: high): event bus OrdersBus',
    );
    expect(md).toContain('Also seen in [template.yaml:3](template.yaml#L3).');
  });
});
