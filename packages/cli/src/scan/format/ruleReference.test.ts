// docs/scan.md shows every rule from the catalog data, as the catalog says it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, ruleInfo } from '../catalog.js';
import { RULES_BEGIN, RULES_END, renderRuleReference } from './ruleReference.js';

const doc = readFileSync(join(import.meta.dirname, '../../../../../docs/scan.md'), 'utf8');

/** Biome pads markdown tables; compare cell contents, not the padding. */
function tables(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/ *\| */g, '|').replace(/-{3,}/g, '---') : line))
    .join('\n');
}

describe('docs/scan.md rule reference', () => {
  it('matches the catalog (run `npx tsx packages/cli/scripts/renderScanDocs.ts`, then biome)', () => {
    // Act
    const shown = doc.slice(doc.indexOf(RULES_BEGIN), doc.indexOf(RULES_END) + RULES_END.length);

    // Assess
    expect(tables(shown)).toBe(tables(renderRuleReference()));
  });

  it.each(RULES.map((r) => r.id))(
    'shows %s why, impact and fix first, then what it reports, folded',
    (id) => {
      // Prepare
      const rule = ruleInfo(id);
      const section = doc.slice(doc.indexOf(`### ${id}\n`)).split(/\n### /)[0] ?? '';

      // Act
      const why = section.indexOf(`**Why.** ${rule.why}\n`);
      const fix = section.indexOf(`**Fix.** ${rule.fix}\n`);
      const folded = section.indexOf(
        `<details><summary>What it reports</summary>\n\n${rule.reported}\n\n</details>`,
      );

      // Assess
      expect(why).toBeGreaterThan(0);
      expect(fix).toBeGreaterThan(why);
      expect(folded).toBeGreaterThan(fix);
    },
  );

  it.each(RULES.map((r) => r.id))('documents %s with an example finding and its fix', (id) => {
    // Assess
    const section = doc.slice(doc.indexOf(`### ${id}\n`));
    expect(section.length).toBeGreaterThan(0);
    expect(section).toMatch(/Finding and fix:|Finding:[\s\S]*Fixed:/);
  });
});
