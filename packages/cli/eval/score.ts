// `npm run scan:eval`: scores `bulwark scan` against the public repositories listed in repos.json, with
// the labels written by reading their code (labels/<name>.labels). Repositories absent from this machine
// are skipped with a note. `--held-aside` scores only the held-aside ones, `--all` both sets, `--only=a,b` just
// those (held-aside ones only with `--held-aside` too); the default
// scores the others, so the held-aside figures stay unseen until the end.
//
// Label file format, one entry a line:
//   scope <path prefix>              files read in full; only findings inside the scope are scored
//   scope <file>:<from>-<to>         only these lines of a file too large to read whole
//   rules <rule> [<rule> ...]        only these rules were labelled: findings of others are not scored
//   + <file>:<line> <rule> <why>     a place a senior reviewer would act on (a positive)
//   - <file>:<line> <rule> <why>     a trap: the pattern looks present, but nothing is wrong
// A finding in scope that matches no positive is a false positive (traps are only the documented ones).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Confidence } from '../src/scan/Finding.js';
import { scan } from '../src/scan/scan.js';
import { readLabels, scopeMatcher } from './labelFile.js';
import { matchPlaces, trapAt } from './matching.js';

interface Repo {
  readonly name: string;
  readonly repo: string;
  readonly commit: string;
  readonly shape: string;
  readonly heldAside: boolean;
  /** Set on a repository that was held aside once and whose figures were seen: it now scores with the rest. */
  readonly spent?: string;
}

// `console-logging` is a style rule (one finding per call); it is not labelled, its count is printed.
const UNSCORED = new Set(['console-logging']);
// A label names the line a reader points at; the scan may report the statement's first line.
const LINE_SLACK = 2;

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  labels: number;
}

const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];

const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0, labels: 0 });
const ratio = (a: number, b: number) => (b === 0 ? '  -  ' : (a / b).toFixed(3));

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const verbose = args.has('--verbose');
  const here = import.meta.dirname;
  const list = JSON.parse(readFileSync(join(here, 'repos.json'), 'utf8')) as {
    corpusDir: string;
    repos: Repo[];
  };
  const corpusDir = process.env.BULWARK_EVAL_CORPUS ?? list.corpusDir;
  // `--only a,b`: just these repositories (a set scored on arrival, for its own per-rule table).
  const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const only = onlyArg === undefined ? undefined : new Set(onlyArg.split(','));
  const unknown = [...(only ?? [])].filter((n) => !list.repos.some((r) => r.name === n));
  if (unknown.length > 0) throw new Error(`--only names no repository in repos.json: ${unknown.join(', ')}`);
  const hidden = list.repos.filter(
    (r) => only?.has(r.name) === true && r.heldAside && !args.has('--held-aside'),
  );
  if (hidden.length > 0)
    throw new Error(
      `--only names held-aside repositories (${hidden.map((r) => r.name).join(', ')}): add --held-aside`,
    );
  const wanted = list.repos.filter((r) =>
    only !== undefined
      ? only.has(r.name)
      : args.has('--all')
        ? true
        : args.has('--held-aside')
          ? r.heldAside
          : !r.heldAside,
  );
  const total = tally();
  const perRule = new Map<string, Tally>();
  const ruleTally = (rule: string) => perRule.get(rule) ?? perRule.set(rule, tally()).get(rule)!;
  // Whether the scan's own `confidence` sorts its findings: tp and fp per confidence, to read as
  // "if a user acted only on findings at or above this level".
  const byConfidence = new Map<Confidence, Tally>(CONFIDENCES.map((c) => [c, tally()]));
  for (const repo of wanted) {
    const root = join(corpusDir, repo.name);
    const labelFile = join(here, 'labels', `${repo.name}.labels`);
    if (!existsSync(root)) {
      console.log(`skip ${repo.name}: no snapshot at ${root} (${repo.repo} @ ${repo.commit})`);
      continue;
    }
    if (!existsSync(labelFile)) {
      console.log(`skip ${repo.name}: no label file`);
      continue;
    }
    const { scope, rules, labels } = readLabels(labelFile);
    const inScope = scopeMatcher(root, scope);
    const result = await scan({ root, workers: 0 });
    const findings = result.findings.filter(
      (f) =>
        inScope(f.file, f.line) && !UNSCORED.has(f.rule) && (rules.length === 0 || rules.includes(f.rule)),
    );
    const m = matchPlaces(findings, labels, LINE_SLACK);
    const repoTally = tally();
    const lines: string[] = [];
    for (const f of findings) {
      const t = ruleTally(f.rule);
      const c = byConfidence.get(f.confidence)!;
      if (m.matched.has(f)) {
        c.tp++;
        t.tp++;
        repoTally.tp++;
      } else {
        c.fp++;
        t.fp++;
        repoTally.fp++;
        const trap = trapAt(labels, f, LINE_SLACK);
        lines.push(
          `  false+ ${f.file}:${f.line} ${f.rule}${trap ? ` (trap: ${trap.why})` : ' (unlabelled)'}`,
        );
      }
    }
    const missed = new Set(m.unmatchedPositives);
    for (const l of labels.filter((x) => x.kind === '+')) {
      ruleTally(l.rule).labels++;
      repoTally.labels++;
      if (missed.has(l)) {
        ruleTally(l.rule).fn++;
        repoTally.fn++;
        lines.push(`  missed ${l.file}:${l.line} ${l.rule}: ${l.why}`);
      }
    }
    for (const l of labels.filter((x) => x.kind === '-')) ruleTally(l.rule).labels++;
    total.tp += repoTally.tp;
    total.fp += repoTally.fp;
    total.fn += repoTally.fn;
    total.labels += repoTally.labels;
    const consoleCount = result.findings.filter(
      (f) => inScope(f.file, f.line) && f.rule === 'console-logging',
    ).length;
    console.log(
      `${repo.heldAside ? '[held aside] ' : ''}${repo.name}: precision ${ratio(repoTally.tp, repoTally.tp + repoTally.fp)} recall ${ratio(repoTally.tp, repoTally.tp + repoTally.fn)} (tp ${repoTally.tp}, fp ${repoTally.fp}, fn ${repoTally.fn}; ${labels.length} labels; console-logging ${consoleCount}; ${result.problems.length} problems)`,
    );
    if (verbose) for (const line of lines) console.log(line);
  }
  console.log(
    `\nALL: precision ${ratio(total.tp, total.tp + total.fp)} recall ${ratio(total.tp, total.tp + total.fn)} (tp ${total.tp}, fp ${total.fp}, fn ${total.fn})`,
  );
  console.log(`${'rule'.padEnd(36)} labels  precision  recall   tp  fp  fn`);
  for (const [rule, t] of [...perRule].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    console.log(
      `${rule.padEnd(36)} ${String(t.labels).padStart(6)}  ${ratio(t.tp, t.tp + t.fp).padStart(9)}  ${ratio(t.tp, t.tp + t.fn).padStart(6)}  ${String(t.tp).padStart(3)} ${String(t.fp).padStart(3)} ${String(t.fn).padStart(3)}`,
    );
  console.log(`\n${'acting on findings at or above'.padEnd(36)} findings  precision  recall`);
  let tp = 0;
  let fp = 0;
  for (const c of CONFIDENCES) {
    tp += byConfidence.get(c)!.tp;
    fp += byConfidence.get(c)!.fp;
    console.log(
      `${c.padEnd(36)} ${String(tp + fp).padStart(8)}  ${ratio(tp, tp + fp).padStart(9)}  ${ratio(tp, total.tp + total.fn).padStart(6)}`,
    );
  }
}

await main();
