// The scan configuration: `bulwark.config.json` at the scan root (or `--config <file>`), spread over
// DEFAULT_SCAN_CONFIG. Bad values throw a ScanConfigError naming the field and the value.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nearestName } from '@bulwark/errors';
import { isRuleId } from './catalog.js';
import { isSeverity, type Severity } from './Finding.js';

/**
 * A config the caller must fix (a bad value, an unknown key, a file that is missing or not JSON), naming the
 * field, the value and the fix. A TypeError, as before it had its own class; the CLI answers it with exit
 * code 2, while any other error out of `scan()` is a bug and is reported as one.
 * @example
 * try { normalizeScanConfig({ rules: { 'no-retry': 'loud' } as never }); }
 * catch (e: unknown) { if (e instanceof ScanConfigError) console.error(e.message); }
 */
export class ScanConfigError extends TypeError {
  override name = 'ScanConfigError' as const;
}

/**
 * A rule's level in the config: a severity overrides the catalog's, `off` disables it.
 * @example
 * const level: RuleLevel = 'off';
 */
export type RuleLevel = Severity | 'off';

/**
 * The shape of `bulwark.config.json`.
 * @example
 * const config: ScanConfig = { exclude: ['legacy/**'], rules: { 'no-retry': 'high' } };
 */
export interface ScanConfig {
  /**
   * Globs of files to scan, relative to the root. Empty means every supported file.
   * @defaultValue `[]`
   */
  readonly include?: readonly string[];
  /**
   * Globs to skip, added to the built-in ones (node_modules, dist, build, coverage, cdk.out, .git, ...).
   * @defaultValue `[]`
   */
  readonly exclude?: readonly string[];
  /**
   * Per-rule level: `critical` / `high` / `medium` override the catalog severity, `off` disables.
   * @defaultValue `{}`
   */
  readonly rules?: Readonly<Record<string, RuleLevel>>;
  /**
   * Files larger than this many bytes are skipped with a message (generated bundles, fixtures).
   * @defaultValue `1_000_000`
   */
  readonly maxFileBytes?: number;
  /**
   * The highest `maxReceiveCount` a queue's redrive policy may have before `iac-missing-dlq` reports it,
   * per consumer: `lambda` for a queue a Lambda event source mapping polls (AWS asks for at least 5 there,
   * so that throttled polls do not send healthy messages to the DLQ), `other` for any other consumer (a
   * poller's failed run counts a receive against every message it held, so 5 is not too many there either).
   * @defaultValue `{ lambda: 10, other: 5 }`
   */
  readonly maxReceiveCount?: { readonly lambda?: number; readonly other?: number };
  /**
   * Findings of templates only run locally (`sam local`, `serverless offline`) that nothing in the
   * repository deploys, and of a CDK app only `cdklocal` runs: `skip` lists them as ignored, `report`
   * reports them like any other.
   * @defaultValue `'skip'`
   */
  readonly localTemplates?: 'skip' | 'report';
}

/**
 * The defaults a config file is spread over.
 * @example
 * normalizeScanConfig({ ...DEFAULT_SCAN_CONFIG, exclude: ['scripts/**'] });
 */
export const DEFAULT_SCAN_CONFIG = {
  include: [],
  exclude: [],
  rules: {},
  maxFileBytes: 1_000_000,
  maxReceiveCount: { lambda: 10, other: 5 },
  localTemplates: 'skip',
} as const satisfies Required<ScanConfig>;

/**
 * Always skipped when walking directories: dependencies, build output, generated infrastructure,
 * declaration files, tests. Files named explicitly are still read.
 * @example
 * BUILT_IN_EXCLUDES.includes('node_modules'); // true
 */
export const BUILT_IN_EXCLUDES: readonly string[] = [
  'node_modules',
  '.git',
  'dist',
  'build',
  'coverage',
  'cdk.out',
  '.serverless',
  // Bundles that serverless-esbuild, serverless-webpack and serverless-plugin-typescript write beside the
  // service: generated from the source the walk reads anyway.
  '.esbuild',
  '.webpack',
  '.build',
  '.aws-sam',
  '.terraform',
  '.next',
  '.turbo',
  // Hidden scratch and cache folders: copies a build or agent script made of the source (Python's
  // tempfile under `.tmp/tmpk3j9x2ab/src/...`, one per run) would report each finding once per copy.
  '.tmp',
  '.temp',
  '.cache',
  // Yarn Berry's vendored release and plugins, and its Plug'n'Play loader: the package manager's code.
  '.yarn',
  '.pnp.cjs',
  '.pnp.loader.mjs',
  '*.d.ts',
  '*.d.mts',
  '*.d.cts',
  '*.min.js',
  // Tests and their fixtures exercise failure on purpose; scan them by naming the files explicitly.
  '*.test.*',
  '*.spec.*',
  '*.test-d.ts',
  '__tests__',
  '__mocks__',
  '__test__',
  '__fixtures__',
  'test-utils',
  'testUtils.*',
  'test-utils.*',
  '*.stories.*',
  // Build and seeding scripts run on a developer's machine or in CI, not in the service (`SCRIPT_FOLDERS`:
  // their deployment templates and CDK stacks are still read).
  'fixtures',
  'test',
  'tests',
  'e2e',
  // Integration suites and the harness stacks they deploy to test accounts (a queue drainer, a stub of a
  // partner API): test code too, never production's.
  'integration-test',
  'integration-tests',
  'integration_tests',
  'integration-testing',
  'test-harness',
];

/**
 * Folders of build, seeding and operator scripts: their code runs on a developer's machine or in CI, not
 * in the service, so it is not scanned; but the infrastructure kept there is the deployed one (pagoPA's
 * `scripts/aws/cfn/microservice.yml`, a CDK app in `scripts/stack.ts`), so templates and CDK code are read.
 * @example
 * SCRIPT_FOLDERS.includes('scripts'); // true
 */
export const SCRIPT_FOLDERS: readonly string[] = ['scripts'];

/**
 * A validated config with every default filled in.
 * @example
 * const config: NormalizedScanConfig = normalizeScanConfig({});
 */
export interface NormalizedScanConfig {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly rules: ReadonlyMap<string, RuleLevel>;
  readonly maxFileBytes: number;
  readonly maxReceiveCount: { readonly lambda: number; readonly other: number };
  readonly localTemplates: 'skip' | 'report';
}

/**
 * The config file looked for at the scan root.
 * @example
 * existsSync(join(root, CONFIG_FILE));
 */
export const CONFIG_FILE = 'bulwark.config.json';

function stringArray(value: unknown, field: string): readonly string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new ScanConfigError(`${field} must be an array of glob strings, got ${JSON.stringify(value)}`);
  return value as string[];
}

/** SQS accepts 1 to 1,000 for maxReceiveCount. */
function receiveLimits(value: unknown): NormalizedScanConfig['maxReceiveCount'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ScanConfigError(
      `maxReceiveCount must be an object such as { "lambda": 10, "other": 5 }, got ${JSON.stringify(value)}`,
    );
  const limits: { lambda: number; other: number } = { ...DEFAULT_SCAN_CONFIG.maxReceiveCount };
  for (const [key, limit] of Object.entries(value)) {
    if (key !== 'lambda' && key !== 'other')
      throw new ScanConfigError(`maxReceiveCount.${key}: unknown consumer type; use "lambda" or "other"`);
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new ScanConfigError(
        `maxReceiveCount.${key} must be an integer from 1 to 1000 (the range SQS accepts), got ${JSON.stringify(limit)}`,
      );
    limits[key] = limit;
  }
  return limits;
}

/**
 * Spreads `config` over DEFAULT_SCAN_CONFIG and validates it; throws a ScanConfigError naming the bad field.
 * @example
 * const config = normalizeScanConfig({ rules: { 'console-logging': 'off' } });
 */
export function normalizeScanConfig(config: ScanConfig): NormalizedScanConfig {
  // A misspelt key (`localTemplate`) would otherwise leave its default in force without a word.
  const known = Object.keys(DEFAULT_SCAN_CONFIG);
  for (const key of Object.keys(config)) {
    if (known.includes(key)) continue;
    const near = nearestName(key, known);
    throw new ScanConfigError(
      `unknown config key ${JSON.stringify(key)}${near === undefined ? '.' : `; did you mean "${near}"?`} Valid: ${known.join(', ')}`,
    );
  }
  const merged = { ...DEFAULT_SCAN_CONFIG, ...config };
  const include = stringArray(merged.include, 'include');
  const exclude = stringArray(merged.exclude, 'exclude');
  if (typeof merged.rules !== 'object' || merged.rules === null || Array.isArray(merged.rules))
    throw new ScanConfigError(
      `rules must be an object of rule id to level, got ${JSON.stringify(merged.rules)}`,
    );
  const rules = new Map<string, RuleLevel>();
  for (const [id, level] of Object.entries(merged.rules)) {
    if (!isRuleId(id)) throw new ScanConfigError(`rules.${id}: unknown rule id ${JSON.stringify(id)}`);
    if (level !== 'off' && !isSeverity(level))
      throw new ScanConfigError(
        `rules.${id} must be "critical", "high", "medium" or "off", got ${JSON.stringify(level)}`,
      );
    rules.set(id, level);
  }
  const max = merged.maxFileBytes;
  if (typeof max !== 'number' || !Number.isFinite(max) || max <= 0)
    throw new ScanConfigError(`maxFileBytes must be a positive number, got ${JSON.stringify(max)}`);
  const local = merged.localTemplates;
  if (local !== 'skip' && local !== 'report')
    throw new ScanConfigError(`localTemplates must be "skip" or "report", got ${JSON.stringify(local)}`);
  return {
    include,
    exclude,
    rules,
    maxFileBytes: max,
    maxReceiveCount: receiveLimits(merged.maxReceiveCount),
    localTemplates: local,
  };
}

/**
 * Reads `file`, or `<root>/bulwark.config.json` when present; throws a ScanConfigError on bad JSON or values.
 * @example
 * const config = loadScanConfig(process.cwd());
 */
export function loadScanConfig(root: string, file?: string): NormalizedScanConfig {
  const path = file !== undefined ? resolve(file) : join(root, CONFIG_FILE);
  if (file === undefined && !existsSync(path)) return normalizeScanConfig({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ScanConfigError(`config file not found: ${path}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error: unknown) {
    throw new ScanConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ScanConfigError(`config file ${path} must hold a JSON object`);
  return normalizeScanConfig(parsed as ScanConfig);
}
