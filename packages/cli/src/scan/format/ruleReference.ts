// The rule reference in docs/scan.md, rendered from the catalog data so the docs cannot drift from it
// (a test compares; `npx tsx packages/cli/scripts/renderScanDocs.ts` rewrites the block).
import { LIBRARIES, RULES } from '../catalog.js';

export const RULES_BEGIN = '<!-- rules:begin (generated from packages/cli/src/scan/catalog/rules.json) -->';
export const RULES_END = '<!-- rules:end -->';

/**
 * One block per rule: severity, why, impact, fix, the example finding with its fix, references, then what the
 * rule reports in detail, folded (`<details>`): the reader of an alert comes for the first part.
 */
export function renderRuleReference(): string {
  const out: string[] = [RULES_BEGIN, ''];
  out.push('| Rule | Severity | Area | Title |', '| --- | --- | --- | --- |');
  for (const r of RULES) out.push(`| [\`${r.id}\`](#${r.id}) | ${r.severity} | ${r.area} | ${r.title} |`);
  out.push('');
  for (const r of RULES) {
    out.push(`### ${r.id}`, '');
    out.push(
      `**${r.title}** (severity: ${r.severity}, area: ${r.area}, effort per finding: ${r.effort})`,
      '',
    );
    out.push(`**Why.** ${r.why}`, '', `**Impact.** ${r.impact}`, '', `**Fix.** ${r.fix}`, '');
    if (r.area === 'Infrastructure') {
      out.push(
        'Finding:',
        '',
        '```yaml',
        r.example.before,
        '```',
        '',
        'Fixed:',
        '',
        '```yaml',
        r.example.after,
        '```',
        '',
      );
    } else {
      // Shown as a diff: the flagged code, then the fix (TypeScript lives in examples/ only through snippets).
      out.push('Finding and fix:', '', '```diff');
      for (const line of r.example.before.split('\n')) out.push(`- ${line}`);
      for (const line of r.example.after.split('\n')) out.push(`+ ${line}`);
      out.push('```', '');
    }
    out.push(`References: ${r.references.map((u) => `<${u}>`).join(', ')}`, '');
    out.push('<details><summary>What it reports</summary>', '', r.reported, '', '</details>', '');
  }
  out.push('## Validated libraries', '', '| Use | For | Why |', '| --- | --- | --- |');
  for (const lib of LIBRARIES.use) out.push(`| \`${lib.name}\` | ${lib.for ?? ''} | ${lib.why} |`);
  out.push('', '| Avoid | Why |', '| --- | --- |');
  for (const lib of LIBRARIES.avoid) out.push(`| ${lib.name} | ${lib.why} |`);
  out.push('', RULES_END);
  return out.join('\n');
}

/** `doc` with the generated block replaced by a fresh rendering. */
export function replaceRuleReference(doc: string): string {
  const start = doc.indexOf(RULES_BEGIN);
  const end = doc.indexOf(RULES_END);
  if (start === -1 || end === -1) throw new TypeError('docs/scan.md has no rules:begin/rules:end markers');
  return doc.slice(0, start) + renderRuleReference() + doc.slice(end + RULES_END.length);
}
