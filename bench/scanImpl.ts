// `bulwark scan` on implementation code (no .d.ts): the CLI process against oxc-parser's bare
// `parseSync` and ESLint's nearest rules (no-empty, no-console) on the same file list, in the same run,
// each in its own process, CPU and wall time and peak memory measured by /usr/bin/time.
// Run (full size, under the bench lock):
//   npm run build && flock /tmp/bulwark-bench.lock npx tsx bench/scanImpl.ts /work/scan-corpus/landing-zone-accelerator-on-aws
// Add `--typed` for a fourth process: ESLint with typescript-eslint's type-aware no-floating-promises
// (the nearest rule to floating-promise), over a TypeScript program of the same files.
// The CLI enables Node's compile cache (bin.ts); the parse script does the same, and each of the three
// runs twice against a fresh cache directory (NODE_COMPILE_CACHE): cold (the first run after an install
// or upgrade, the cache being written) and warm (every later run). The ratios compare like with like.
// The corpus is a checkout of a public application (see packages/cli/eval/repos.json); its code is not
// in this repository. Writes bench/results/scan-impl.json.
import { execFileSync } from 'node:child_process';
import { type Dirent, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const repo = join(import.meta.dirname, '..');
const root = process.argv[2];
const typed = process.argv.includes('--typed');
if (root === undefined) {
  console.error('usage: tsx bench/scanImpl.ts <directory of a large application>');
  process.exit(2);
}
const SKIP = /^(node_modules|dist|build|cdk\.out|coverage|\.git)$/;

function list(dir: string, out: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.isDirectory()) {
      if (!SKIP.test(e.name)) list(join(dir, e.name), out);
    } else if (e.isFile() && /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name))
      out.push(join(dir, e.name));
  }
}

const files: string[] = [];
list(root, files);
files.sort();
const work = mkdtempSync(join(tmpdir(), 'bulwark-bench-impl-'));
const listFile = join(work, 'files.json');
writeFileSync(listFile, JSON.stringify(files));

interface Measured {
  readonly wallS: number;
  readonly cpuS: number;
  readonly peakMb: number;
  readonly out: string;
}

/**
 * Runs a command under /usr/bin/time and returns its wall, user+sys CPU and maximum resident set;
 * `cacheDir` is the compile cache directory it is given (NODE_COMPILE_CACHE).
 */
function measure(cmd: string, args: string[], cacheDir?: string): Measured {
  const timeFile = join(work, 'time.txt');
  const out = execFileSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, cmd, ...args], {
    cwd: repo,
    maxBuffer: 512 * 1024 * 1024,
    env: cacheDir === undefined ? process.env : { ...process.env, NODE_COMPILE_CACHE: cacheDir },
    encoding: 'utf8',
  });
  const [wall, user, sys, rss] = execFileSync('cat', [timeFile], { encoding: 'utf8' }).trim().split(/\s+/);
  return {
    wallS: Number(wall),
    cpuS: Number((Number(user) + Number(sys)).toFixed(2)),
    peakMb: Math.round(Number(rss) / 1024),
    out,
  };
}

const node = process.execPath;
const parseScript = join(work, 'parse.mjs');
writeFileSync(
  parseScript,
  `import { readFileSync } from 'node:fs';
import module from 'node:module';
// As the CLI does: the compile cache on before the parser's JavaScript is loaded.
module.enableCompileCache?.();
const { parseSync } = await import(${JSON.stringify(join(repo, 'node_modules/oxc-parser/src-js/index.js'))});
const files = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// The result's \`program\` is built in JavaScript on first access: touch it, as the scan must.
// \`raw\` as a third argument: the raw-transfer mode the scan itself parses with.
const options = process.argv[3] === 'raw' ? { experimentalRawTransfer: true } : {};
let errors = 0;
let nodes = 0;
for (const f of files) {
  const r = parseSync(f, readFileSync(f, 'utf8'), options);
  errors += r.errors.length;
  nodes += r.program.body.length;
}
console.log(JSON.stringify({ files: files.length, errors, nodes }));
`,
);
const eslintScript = join(work, 'eslint.mjs');
writeFileSync(
  eslintScript,
  `import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(join(repo, 'bench/package.json'))});
// typescript-eslint needs TypeScript's JS API: point the root's \`typescript\` (the native 7) at bench's 6.
const fromRoot = createRequire(${JSON.stringify(join(repo, 'package.json'))});
const rootTs = fromRoot.resolve('typescript');
fromRoot.cache[rootTs] = { id: rootTs, filename: rootTs, loaded: true, exports: require('typescript') };
const { ESLint } = require('eslint');
const tseslint = require('typescript-eslint');
const files = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const typed = process.argv[3] === 'typed';
const project = ${JSON.stringify(join(work, 'tsconfig.json'))};
const eslint = new ESLint({
  cwd: ${JSON.stringify(root)},
  overrideConfigFile: true,
  overrideConfig: [{
    files: ['**/*'],
    languageOptions: { parser: tseslint.parser, parserOptions: typed ? { project, tsconfigRootDir: ${JSON.stringify(work)} } : {} },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { 'no-empty': 'error', 'no-console': 'error', ...(typed ? { '@typescript-eslint/no-floating-promises': 'error' } : {}) },
  }],
});
const results = await eslint.lintFiles(files);
const fatal = results.filter((r) => r.messages.some((m) => m.fatal));
if (fatal.length > 0) { console.error(fatal[0].filePath, fatal[0].messages[0]); process.exit(3); }
console.log(JSON.stringify({ files: results.length, messages: results.reduce((a, r) => a + r.messages.length, 0) }));
`,
);

/** A cold run (empty compile cache) and then a warm one (the cache that run wrote). */
function coldWarm(cmd: string, args: string[]): { cold: Measured; warm: Measured } {
  const cacheDir = mkdtempSync(join(work, 'compile-cache-'));
  const cold = measure(cmd, args, cacheDir);
  return { cold, warm: measure(cmd, args, cacheDir) };
}

const load = loadavg()[0] ?? 0;
const scanRuns = coldWarm(node, [
  join(repo, 'packages/cli/dist/bin.js'),
  'scan',
  '--root',
  root,
  '--format',
  'json',
  '--quiet',
  '--workers',
  '0',
  ...files,
]);
const scanRun = scanRuns.warm;
const report = JSON.parse(scanRun.out) as { findings: unknown[]; problems: unknown[]; filesScanned: number };
const coldFindings = (JSON.parse(scanRuns.cold.out) as { findings: unknown[] }).findings;
if (JSON.stringify(coldFindings) !== JSON.stringify(report.findings))
  throw new Error('the cold and warm scans reported different findings');
const parseRuns = coldWarm(node, [parseScript, listFile]);
const parseRun = parseRuns.warm;
const parsed = JSON.parse(parseRun.out) as { files: number };
const rawParseRuns = coldWarm(node, [parseScript, listFile, 'raw']);
const rawParseRun = rawParseRuns.warm;
const linted = () => JSON.parse(eslintRun.out) as { files: number; messages: number };
const eslintRun = measure(node, [eslintScript, listFile]);
// The type-aware run needs a program over the files (their imports stay unresolved: no node_modules).
writeFileSync(
  join(work, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      allowJs: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    },
    files,
  }),
);
const typedRun = typed
  ? measure(node, ['--max-old-space-size=4096', eslintScript, listFile, 'typed'])
  : undefined;
if (parsed.files !== files.length || linted().files !== files.length)
  throw new Error(
    `not the same files: parse ${parsed.files}, ESLint ${linted().files}, list ${files.length}`,
  );
const bytes = files.reduce(
  (a, f) => a + Number(execFileSync('stat', ['-c', '%s', f], { encoding: 'utf8' })),
  0,
);

const row = (name: string, m: Measured) => ({
  name,
  wallS: m.wallS,
  cpuS: m.cpuS,
  filesPerCpuS: Math.round(files.length / m.cpuS),
  peakMb: m.peakMb,
});
const result = {
  date: new Date().toISOString(),
  corpus: { root: relative(repo, root) || root, files: files.length, bytes, declarationFiles: 0 },
  load1m: load,
  scan: {
    ...row('bulwark scan CLI (node dist/bin.js, --workers 0), warm compile cache', scanRun),
    findings: report.findings.length,
    problems: report.problems.length,
  },
  parse: row('oxc-parser parseSync, bare (one process), warm compile cache', parseRun),
  rawParse: row(
    'oxc-parser parseSync, bare, experimentalRawTransfer (as the scan parses), warm compile cache',
    rawParseRun,
  ),
  scanCold: row('bulwark scan CLI, cold compile cache (first run)', scanRuns.cold),
  parseCold: row('oxc-parser parseSync, bare, cold compile cache', parseRuns.cold),
  rawParseCold: row('oxc-parser parseSync, raw transfer, cold compile cache', rawParseRuns.cold),
  eslint: {
    ...row('ESLint no-empty + no-console (typescript-eslint parser)', eslintRun),
    messages: linted().messages,
  },
  ...(typedRun !== undefined
    ? {
        eslintTyped: {
          ...row('ESLint + @typescript-eslint/no-floating-promises (type-aware)', typedRun),
          messages: (JSON.parse(typedRun.out) as { messages: number }).messages,
        },
      }
    : {}),
  scanOverParse: Number((scanRun.cpuS / parseRun.cpuS).toFixed(2)),
  scanOverRawParse: Number((scanRun.cpuS / rawParseRun.cpuS).toFixed(2)),
  scanOverParseCold: Number((scanRuns.cold.cpuS / parseRuns.cold.cpuS).toFixed(2)),
  scanOverRawParseCold: Number((scanRuns.cold.cpuS / rawParseRuns.cold.cpuS).toFixed(2)),
  eslintOverScan: Number((eslintRun.cpuS / scanRun.cpuS).toFixed(1)),
};
writeFileSync(join(repo, 'bench/results/scan-impl.json'), `${JSON.stringify(result, null, 2)}\n`);
console.table([
  result.scan,
  result.parse,
  result.rawParse,
  result.scanCold,
  result.parseCold,
  result.rawParseCold,
  result.eslint,
  ...(typedRun ? [result.eslintTyped] : []),
]);
console.log(
  `${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, load ${load.toFixed(2)}: scan/parse CPU ${result.scanOverParse}x warm, ${result.scanOverParseCold}x cold (raw-transfer parse ${result.scanOverRawParse}x warm, ${result.scanOverRawParseCold}x cold), ESLint/scan CPU ${result.eslintOverScan}x${typedRun !== undefined ? `, type-aware ESLint/scan CPU ${(typedRun.cpuS / scanRun.cpuS).toFixed(1)}x` : ''}`,
);
