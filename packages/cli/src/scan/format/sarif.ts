// SARIF 2.1.0 as GitHub code scanning reads it: one run, every catalog rule with help text, results with
// repo-relative URIs and stable partialFingerprints.
import { RULES } from '../catalog.js';
import type { ScanResult, Severity } from '../Finding.js';
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
            informationUri: 'https://github.com/bulwark-resilience/bulwark/blob/main/docs/scan.md',
            version,
            semanticVersion: version,
            rules: RULES.map((r) => ({
              id: r.id,
              name: pascal(r.id),
              shortDescription: { text: r.title },
              fullDescription: { text: r.why },
              help: {
                text: `${r.why}\n\nImpact: ${r.impact}\n\nFix: ${r.fix}`,
                markdown: `**${r.title}**\n\n${r.why}\n\n**Impact.** ${r.impact}\n\n**Fix.** ${r.fix}\n\n${r.references.map((u) => `- <${u}>`).join('\n')}`,
              },
              helpUri: r.references[0],
              defaultConfiguration: { level: level(r.severity) },
              properties: {
                tags: ['reliability', r.area.toLowerCase().replace(/[^a-z]+/g, '-')],
                precision: 'high',
                'problem.severity': r.severity === 'medium' ? 'warning' : 'error',
              },
            })),
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
