// `bulwark scan [paths...]`: argument parsing, output routing, progress and the exit code.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { parseCommandArgs } from '../../parseCommandArgs.js';
import { VERSION } from '../../version.js';
import { ScanConfigError } from '../config.js';
import { absolutePath } from '../discover.js';
import { type Confidence, isSeverity, type ScanResult, type Severity, severityRank } from '../Finding.js';
import { toJson } from '../format/json.js';
import { toMarkdown } from '../format/markdown.js';
import { toSarif } from '../format/sarif.js';
import { summaryLine, toText } from '../format/text.js';
import { ScanUsageError, scan } from '../scan.js';

/**
 * The `bulwark scan --help` text.
 * @example
 * process.stdout.write(SCAN_USAGE);
 */
export const SCAN_USAGE = `Usage: bulwark scan [paths...] [options]

Finds missing hardening (timeouts, retries, breakers, swallowed errors, batch failures, DLQs...)
in TypeScript/JavaScript and AWS infrastructure (SAM/CloudFormation, serverless.yml, CDK, Terraform).

Options:
  --format <text|md|json|sarif>   output format (default: text)
  --output <file>                 write the report to a file (md defaults to HARDENING-PLAYBOOK.md)
  --fail-on <critical|high|medium|none>
                                  exit 1 when a finding at or above this severity exists (default: none)
  --min-confidence <high|medium|low>
                                  report only findings at or above this confidence (default: low, all)
  --config <file>                 config file (default: <root>/bulwark.config.json when present)
  --root <dir>                    directory paths in the report are relative to (default: cwd)
  --link-base <url>               prefix for file links in the md report (e.g. a GitHub blob URL)
  --sarif-base <uri>              write this URI as the SARIF %SRCROOT% (default: none, so no local path)
  --workers <n>                   worker threads for parsing (default: automatic)
  --quiet                         no progress line and no summary on stderr
  -h, --help                      show this help

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above --fail-on, 2 usage error,
70 the scan itself failed (a bug; the stack is printed).
--fail-on counts only the findings --min-confidence reports.
`;

// Most sure first: a finding is reported when its confidence is at or before --min-confidence here.
const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];

const FORMATS = ['text', 'md', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

/**
 * Where `scanMain` writes and which directory it resolves paths against (replaceable in tests).
 * @example
 * await scanMain(['--format', 'json'], { stdout: process.stdout, stderr: process.stderr, cwd: '/repo' });
 */
export interface ScanIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly cwd: string;
  /** Clock for the progress line (injected in tests). Default: `Date.now`. */
  readonly now?: () => number;
}

const defaultIo = (): ScanIo => ({ stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });

function usageError(io: ScanIo, message: string): number {
  io.stderr.write(`bulwark scan: ${message}\n\n${SCAN_USAGE}`);
  return 2;
}

/**
 * `bulwark scan` with the arguments after `scan`; resolves to the exit code (0, 1 for --fail-on, 2 usage).
 * @example
 * process.exitCode = await scanMain(['src', '--fail-on', 'high']);
 */
export async function scanMain(argv: readonly string[], io: ScanIo = defaultIo()): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error: unknown) {
    return usageError(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(SCAN_USAGE);
    return 0;
  }
  const format = (values.format ?? 'text') as Format;
  if (!(FORMATS as readonly string[]).includes(format))
    return usageError(
      io,
      `--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(values.format)}`,
    );
  const failOn = values['fail-on'] ?? 'none';
  if (failOn !== 'none' && !isSeverity(failOn))
    return usageError(io, `--fail-on must be critical, high, medium or none, got ${JSON.stringify(failOn)}`);
  const minConfidence = (values['min-confidence'] ?? 'low') as Confidence;
  if (!CONFIDENCES.includes(minConfidence))
    return usageError(
      io,
      `--min-confidence must be high, medium or low, got ${JSON.stringify(values['min-confidence'])}`,
    );
  let workers: number | undefined;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 0)
      return usageError(io, `--workers must be a whole number >= 0, got ${JSON.stringify(values.workers)}`);
  }
  const sarifBase = values['sarif-base'];
  if (sarifBase !== undefined && !/^[a-z][a-z0-9+.-]*:\/\/.*\/$/i.test(sarifBase))
    return usageError(
      io,
      `--sarif-base must be an absolute URI ending with "/" (e.g. file:///work/repo/), got ${JSON.stringify(sarifBase)}`,
    );
  const paths = positionals.map((p) => absolutePath(io.cwd, p));
  // Report paths relative to the working directory, unless the scanned paths lie outside it.
  const cwdRoot = resolve(io.cwd);
  const inside = paths.every(
    (p) => p === cwdRoot || p.startsWith(`${cwdRoot}/`) || p.startsWith(`${cwdRoot}\\`),
  );
  const root = values.root !== undefined ? resolve(io.cwd, values.root) : inside ? cwdRoot : commonDir(paths);

  const now = io.now ?? Date.now;
  const started = now();
  let lastDraw = 0;
  let drew = false;
  const progress = !values.quiet && io.stderr.isTTY === true;
  let all: ScanResult;
  try {
    all = await scan({
      root,
      paths,
      ...(values.config !== undefined ? { config: resolve(io.cwd, values.config) } : {}),
      ...(workers !== undefined ? { workers } : {}),
      onProgress: (done, total) => {
        if (!progress) return;
        const t = now();
        // Only scans that take over a second get a progress line, redrawn at most 10 times a second.
        if (t - started < 1000 || (t - lastDraw < 100 && done < total)) return;
        lastDraw = t;
        drew = true;
        io.stderr.write(
          `\rbulwark scan: ${done}/${total} files (${Math.floor((done / Math.max(total, 1)) * 100)}%)`,
        );
      },
    });
  } catch (error: unknown) {
    // Only the caller's mistakes; any other throw is a bug, reported as a crash (exit 70), not as a usage error.
    if (error instanceof ScanUsageError || error instanceof ScanConfigError)
      return usageError(io, (error as Error).message);
    throw error;
  }
  if (drew) io.stderr.write('\r\x1b[K');
  const rank = CONFIDENCES.indexOf(minConfidence);
  const result: ScanResult = {
    ...all,
    findings: all.findings.filter((f) => CONFIDENCES.indexOf(f.confidence) <= rank),
  };
  const hidden = all.findings.length - result.findings.length;

  let report: string;
  if (format === 'json') report = `${JSON.stringify(toJson(result, VERSION), null, 2)}\n`;
  else if (format === 'sarif')
    report = `${JSON.stringify(toSarif(result, VERSION, sarifBase !== undefined ? { sarifBase } : {}), null, 2)}\n`;
  else if (format === 'md')
    report = toMarkdown(result, values['link-base'] !== undefined ? { linkBase: values['link-base'] } : {});
  else report = toText(result);

  const output = values.output ?? (format === 'md' ? 'HARDENING-PLAYBOOK.md' : undefined);
  if (output !== undefined) {
    const path = resolve(io.cwd, output);
    try {
      writeFileSync(path, report);
    } catch (error: unknown) {
      return usageError(io, `cannot write ${path}: ${(error as Error).message}`);
    }
    if (!values.quiet) io.stderr.write(`bulwark scan: wrote ${path}\n`);
  } else io.stdout.write(report);
  if (!values.quiet && format !== 'text') io.stderr.write(`${summaryLine(result)}\n`);
  else if (!values.quiet && output !== undefined) io.stderr.write(`${summaryLine(result)}\n`);
  // Said on stderr in every format, so a short report is never read as a clean one.
  if (!values.quiet && hidden > 0)
    io.stderr.write(
      `bulwark scan: ${hidden} finding${hidden === 1 ? '' : 's'} below --min-confidence ${minConfidence} not reported\n`,
    );
  for (const p of result.problems)
    if (!values.quiet && format !== 'text')
      io.stderr.write(`bulwark scan: ${p.file}: ${p.kind}: ${p.message}\n`);

  if (failOn === 'none') return 0;
  const threshold = severityRank(failOn as Severity);
  return result.findings.some((f) => severityRank(f.severity) <= threshold) ? 1 : 0;
}

function commonDir(paths: readonly string[]): string {
  const split = paths.map((p) => dirname(p).split(sep));
  const first = split[0] ?? [];
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && parts[i] === first[i]) i++;
    n = i;
  }
  const common = first.slice(0, n).join(sep);
  // A directory argument is its own root.
  return paths.length === 1 && existsSync(paths[0] as string) && statSync(paths[0] as string).isDirectory()
    ? (paths[0] as string)
    : common || sep;
}

function parse(argv: readonly string[]) {
  return parseCommandArgs(argv, {
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'fail-on': { type: 'string' },
    'min-confidence': { type: 'string' },
    config: { type: 'string' },
    root: { type: 'string' },
    'link-base': { type: 'string' },
    'sarif-base': { type: 'string' },
    workers: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
}
