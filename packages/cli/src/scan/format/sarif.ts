// SARIF 2.1.0 as GitHub code scanning reads it: one run, every catalog rule with help text, results with
// repo-relative URIs and stable partialFingerprints.
import { RULES, type RuleInfo } from '../catalog.js';
import type { ScanResult, Severity } from '../Finding.js';
import { ruleDocsUrl, SCAN_DOCS_URL } from './docsLink.js';
import { fingerprints } from './fingerprint.js';

/**
 * The `$schema` written into SARIF output.
 * @example
 * toSarif(result, VERSION).$schema === SARIF_SCHEMA;
 */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function level(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'medium' ? 'warning' : 'error';
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * One rule as code scanning shows it beside an alert: `fullDescription` is the short `why`, `help` the why
 * and the fix with references, `helpUri` the rule's section of docs/scan.md (left out with no repository
 * address). What the rule reports in detail goes in `properties.reported`, kept with the log but not shown.
 * @example
 * sarifRule(ruleInfo('http-no-timeout'), SCAN_DOCS_URL).helpUri;
 */
export function sarifRule(r: RuleInfo, docsUrl: string | undefined): { readonly [key: string]: unknown } {
  const docs = ruleDocsUrl(r.id, docsUrl);
  const references = r.references.map((u) => `- <${u}>`).join('\n');
  const more = docs !== undefined ? `\n\nWhat the rule reports, and what it leaves alone: <${docs}>` : '';
  return {
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.why },
    help: {
      text: `${r.why}\n\nFix: ${r.fix}`,
      markdown: `**${r.title}**\n\n${r.why}\n\n**Fix.** ${r.fix}\n\n${references}${more}`,
    },
    ...(docs !== undefined ? { helpUri: docs } : {}),
    defaultConfiguration: { level: level(r.severity) },
    properties: {
      tags: ['reliability', r.area.toLowerCase().replace(/[^a-z]+/g, '-')],
      precision: 'high',
      'problem.severity': r.severity === 'medium' ? 'warning' : 'error',
      reported: r.reported,
    },
  };
}

/**
 * Options of `toSarif()`.
 * @example
 * toSarif(result, '0.1.0', { sarifBase: 'file:///home/ci/repo/' });
 */
export interface SarifOptions {
  /** URI of the repository root written as `%SRCROOT%` (ends with `/`); omitted unless given. */
  readonly sarifBase?: string;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with help, repo-relative URIs, stable partialFingerprints.
 * @example
 * writeFileSync('bulwark.sarif', JSON.stringify(toSarif(await scan(), VERSION)));
 */
export function toSarif(result: ScanResult, version: string, options: SarifOptions = {}): object {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const prints = fingerprints(result.findings);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'bulwark',
            ...(SCAN_DOCS_URL !== undefined ? { informationUri: SCAN_DOCS_URL } : {}),
            version,
            semanticVersion: version,
            rules: RULES.map((r) => sarifRule(r, SCAN_DOCS_URL)),
          },
        },
        // The root's absolute path names this machine's folders (a user name, a workspace layout): it
        // is only written when asked for with `--sarif-base`; code scanning resolves relative URIs itself.
        originalUriBaseIds: {
          '%SRCROOT%':
            options.sarifBase !== undefined
              ? { uri: options.sarifBase }
              : { description: { text: 'The root of the scanned repository.' } },
        },
        results: result.findings.map((f, i) => ({
          ruleId: f.rule,
          ruleIndex: ruleIndex.get(f.rule) ?? 0,
          level: level(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeUri(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
          partialFingerprints: { primaryLocationLineHash: prints[i] },
          properties: { severity: f.severity, confidence: f.confidence },
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.problems.map((p) => ({
              level: 'warning',
              message: { text: `${p.kind}: ${p.message}` },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: encodeUri(p.file), uriBaseId: '%SRCROOT%' } },
                },
              ],
            })),
          },
        ],
      },
    ],
  };
}
