// The SARIF output validates against the SARIF 2.1.0 schema and carries what GitHub code scanning uses.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { RULES, ruleInfo, WHY_MAX_CHARS } from '../catalog.js';
import { scan } from '../scan.js';
import { SCAN_DOCS_URL } from './docsLink.js';
import { sarifRule, toSarif } from './sarif.js';

const fixtures = join(import.meta.dirname, '../../../fixtures');
const schema = JSON.parse(readFileSync(join(fixtures, 'sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is not installed; these are the formats the schema uses, checked loosely but really.
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat('uri-reference', /^[^\s]*$/);
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  return ajv.compile(schema);
}

interface SarifLog {
  runs: {
    tool: {
      driver: {
        rules: {
          id: string;
          fullDescription: { text: string };
          help: { text: string; markdown: string };
          helpUri?: string;
          properties: { reported: string };
        }[];
      };
    };
    results: {
      ruleId: string;
      partialFingerprints: Record<string, string>;
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region: { startLine: number };
        };
      }[];
    }[];
  }[];
}

describe('toSarif', () => {
  // A whole-corpus scan (over 1,000 files): past the project's 30 s on a loaded machine.
  it('produces SARIF 2.1.0 that validates against the schema', async () => {
    // Prepare
    const validate = validator();
    const result = await scan({ root: join(fixtures, 'corpus'), workers: 0 });

    // Act
    const log = toSarif(result, '0.1.0');

    // Assess
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(result.findings.length).toBeGreaterThan(50);
  }, 120_000);

  it('rejects a log the schema forbids (the validator is real)', () => {
    // Prepare
    const validate = validator();

    // Act
    const valid = validate({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'x' }] }],
    });

    // Assess
    expect(valid).toBe(false);
  });

  // A whole-corpus scan (over 1,000 files): past the project's 30 s on a loaded machine.
  it('describes every catalog rule with help text and a link, and uses repo-relative paths', async () => {
    // Prepare
    const result = await scan({ root: join(fixtures, 'corpus'), workers: 0 });

    // Act
    const log = toSarif(result, '0.1.0') as SarifLog;

    // Assess
    const run = log.runs[0];
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const rule of run?.tool.driver.rules ?? []) {
      expect(rule.help.text.length).toBeGreaterThan(50);
      expect(rule.help.markdown).toContain('**Fix.**');
      expect(rule.helpUri).toMatch(/^https:\/\//);
    }
    for (const r of run?.results ?? []) {
      const uri = r.locations[0]?.physicalLocation.artifactLocation.uri ?? '';
      expect(uri.startsWith('/')).toBe(false);
      expect(uri).not.toContain('..');
      expect(r.locations[0]?.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:\d+$/);
    }
  }, 120_000);

  it.each(RULES.map((r) => r.id))(
    'shows %s beside an alert as the short why and the fix, the detail apart and linked',
    (id) => {
      // Prepare
      const result = { root: '/x', findings: [], ignored: [], problems: [], filesScanned: 0, durationMs: 0 };
      const rule = ruleInfo(id);

      // Act
      const shown = (toSarif(result, '0.1.0') as SarifLog).runs[0]?.tool.driver.rules.find(
        (r) => r.id === id,
      );

      // Assess
      expect(shown?.fullDescription.text).toBe(rule.why);
      expect(shown?.fullDescription.text.length).toBeLessThanOrEqual(WHY_MAX_CHARS);
      expect(shown?.help.text).toBe(`${rule.why}\n\nFix: ${rule.fix}`);
      expect(shown?.help.markdown).not.toContain(rule.reported);
      expect(shown?.properties.reported).toBe(rule.reported);
      expect(shown?.helpUri).toBe(`${SCAN_DOCS_URL}#${id}`);
      expect(shown?.help.markdown).toContain(`<${SCAN_DOCS_URL}#${id}>`);
    },
  );

  it('leaves helpUri and the docs line out when there is no repository address, and still validates', () => {
    // Prepare
    const validate = validator();
    const rule = ruleInfo('swallowed-error');

    // Act
    const shown = sarifRule(rule, undefined);
    const log = {
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'bulwark', rules: [shown] } }, results: [] }],
    };

    // Assess
    expect(shown).not.toHaveProperty('helpUri');
    expect(JSON.stringify(shown.help)).not.toContain('docs/scan.md');
    expect(validate(log)).toBe(true);
  });

  it('keeps fingerprints stable when lines are added above a finding', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-sarif-'));
    const code = "export async function load() {\n  return fetch('https://a.example/x');\n}\n";
    writeFileSync(join(dir, 'a.ts'), code);
    const before = toSarif(await scan({ root: dir, workers: 0 }), '0.1.0') as SarifLog;

    // Act
    writeFileSync(join(dir, 'a.ts'), `// a comment\n// another\n${code}`);
    const after = toSarif(await scan({ root: dir, workers: 0 }), '0.1.0') as SarifLog;

    // Assess
    const prints = (log: SarifLog) =>
      log.runs[0]?.results.map((r) => `${r.ruleId} ${r.partialFingerprints.primaryLocationLineHash}`);
    const lines = (log: SarifLog) =>
      log.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.region.startLine);
    expect(prints(after)).toEqual(prints(before));
    expect(lines(after)).not.toEqual(lines(before));
  });
});
